import type { AlertOrderInput, OrderSettings } from './order-input';

// Sizing "Alert Quantity × Multiplier": one account of an account group trades the strategy's
// quantities scaled, e.g. half size on a smaller account. The alert's quantity, and in target
// position mode its target and previous target, are scaled before planning, and the plan then
// reads them as the alert's own: an account at 0.5 × reaches half the strategy's position.

const PRECISION = 1e9;
const scale = (value: number | null, by: number): number | null => (value === null ? null : Math.round(value * by * PRECISION) / PRECISION);

/** The alert and settings the plan reads: scaled by the multiplier for the alertMultiple sizing. */
export function scaledAlert<T extends AlertOrderInput>(input: T, settings: OrderSettings): { input: T; settings: OrderSettings } {
	if (settings.sizingMode !== 'alertMultiple') return { input, settings };
	const by = settings.sizingValue;
	return {
		input: {
			...input,
			// A percent of the position is a share, not a size: it stays as sent.
			quantity: input.quantityType === 'percent_of_position' ? input.quantity : scale(input.quantity, by),
			targetPosition: scale(input.targetPosition, by),
			prevTargetPosition: scale(input.prevTargetPosition, by),
		},
		settings: { ...settings, sizingMode: 'alert' },
	};
}

/**
 * The alert quantity that plans to `approved` units: what Risk Check writes back as the item's
 * quantity when it clamps an order, so the Broker Order after it (with the same sizing) sends
 * the clamped size, not the clamped size scaled once more.
 */
export function alertQuantityFor(approved: number | null, settings: OrderSettings): number | null {
	if (approved === null || settings.sizingMode !== 'alertMultiple' || !(settings.sizingValue > 0)) return approved;
	return Math.round((approved / settings.sizingValue) * PRECISION) / PRECISION;
}
