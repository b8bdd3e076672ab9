import { z } from 'zod';

import { ORDER_SIDES } from '../signal/normalised-alert';
import { comparableSymbol } from './comparable-symbol';
import type { PlanRole } from './plan-alert-orders';
import { type PlanStep, sideAgainst, signedQuantity } from './plan-legs';
import { roundDownToStep } from './sizing';
import type { Result } from '../util/result';

// What Risk Check approved for one alert, stored in the ledger with its approval. Broker Order
// re-plans at send time and sends nothing outside it: see docs/design/order-safety.md.

const EPSILON = 1e-9;

export const approvalEnvelopeSchema = z.object({
	/** The alert's symbol as Risk Check saw it, compared without exchange prefix, case or punctuation. */
	symbol: z.string().min(1),
	alertId: z.string().nullable(),
	/** `exit`: only reduce-only legs that shrink the position may be sent. */
	role: z.enum(['entry', 'exit']),
	/** Side of the approved opening leg; null for an exit. */
	openSide: z.enum(ORDER_SIDES).nullable(),
	/** Largest opening leg approved (after any clamp); null for an exit. */
	maxOpenQuantity: z.number().nonnegative().nullable(),
	/** Max Position per Symbol, when that rule is set: no leg may take |position| beyond it. */
	maxAbsPosition: z.number().positive().nullable(),
	/** What Broker Order does with an opening leg above maxOpenQuantity: a clamp rule lowers it. */
	onExcess: z.enum(['clamp', 'refuse']),
	/** The legs Risk Check planned, for the audit trail and error messages. */
	planned: z.array(z.object({ leg: z.string(), side: z.enum(ORDER_SIDES), quantity: z.number(), reduceOnly: z.boolean() })),
});

export type ApprovalEnvelope = z.infer<typeof approvalEnvelopeSchema>;

export function envelopeFromPlan(
	plan: { steps: PlanStep[]; role: PlanRole },
	symbol: string,
	alertId: string | null,
	limits: { maxAbsPosition: number | null; clamp: boolean },
): ApprovalEnvelope {
	const places = plan.steps.filter((step) => step.kind === 'place');
	const opening = places.find((step) => !step.intent.reduceOnly) ?? null;
	return {
		symbol,
		alertId,
		role: plan.role,
		openSide: opening?.intent.side ?? null,
		maxOpenQuantity: opening?.intent.quantity ?? null,
		maxAbsPosition: limits.maxAbsPosition,
		onExcess: limits.clamp ? 'clamp' : 'refuse',
		planned: plannedLegs(plan.steps),
	};
}

/** The plan's orders as Risk Check reports and stores them. */
export function plannedLegs(steps: PlanStep[]): ApprovalEnvelope['planned'] {
	return steps.flatMap((step) =>
		step.kind === 'place' ? [{ leg: step.leg, side: step.intent.side, quantity: step.intent.quantity, reduceOnly: step.intent.reduceOnly }] : [],
	);
}

/** The legs to send (some clamped, each clamp described), or why they are outside the approval. */
export type Fitted = Result<{ steps: PlanStep[]; clamped: string[] }, string>;

/**
 * Checks the legs Broker Order is about to send against the approval, from the broker's
 * position now: a reduce-only leg must shrink the position; an opening leg must be allowed by
 * the role, on the approved side, no larger than approved (or clamped down where a clamp rule
 * allows), and never take the position past Max Position per Symbol.
 */
export function fitToEnvelope(
	symbol: string,
	alertId: string | null,
	steps: PlanStep[],
	envelope: ApprovalEnvelope,
	position: number,
	quantityStep: number,
): Fitted {
	if (comparableSymbol(symbol) !== comparableSymbol(envelope.symbol)) {
		return { ok: false, failure: `Risk Check approved ${envelope.symbol}, not ${symbol}` };
	}
	if (envelope.alertId !== null && alertId !== envelope.alertId) {
		return { ok: false, failure: `Risk Check approved alert ${envelope.alertId}, not ${alertId ?? 'an alert without id'}` };
	}
	const fitted: PlanStep[] = [];
	const clamped: string[] = [];
	let running = position;
	for (const step of steps) {
		if (step.kind !== 'place') {
			fitted.push(step);
			continue;
		}
		let { intent } = step;
		if (intent.reduceOnly) {
			if (running === 0 || intent.side !== sideAgainst(running) || intent.quantity > Math.abs(running) + EPSILON) {
				return { ok: false, failure: `the ${intent.side} of ${intent.quantity} would not only reduce the position of ${running}` };
			}
		} else {
			if (envelope.role === 'exit') {
				return { ok: false, failure: `Risk Check approved this alert as an exit, which may only reduce the position; the plan now ${intent.side}s ${intent.quantity} to open or add (position ${running})` };
			}
			if (intent.side !== envelope.openSide) {
				return { ok: false, failure: `Risk Check approved a ${envelope.openSide ?? 'no'} opening order, not a ${intent.side}` };
			}
			const approved = envelope.maxOpenQuantity ?? 0;
			if (intent.quantity > approved + EPSILON) {
				const lowered = roundDownToStep(approved, quantityStep);
				if (envelope.onExcess === 'refuse' || !(lowered > 0)) {
					return { ok: false, failure: `the ${intent.side} of ${intent.quantity} is above the ${approved} Risk Check approved` };
				}
				clamped.push(`${step.leg}: ${intent.quantity} → ${lowered}`);
				intent = { ...intent, quantity: lowered };
			}
		}
		const after = running + signedQuantity(intent.side, intent.quantity);
		if (envelope.maxAbsPosition !== null && Math.abs(after) > envelope.maxAbsPosition + EPSILON && grows(running, after)) {
			return { ok: false, failure: `the position would be ${round(after)} (now ${round(running)}); Max Position per Symbol is ${envelope.maxAbsPosition}` };
		}
		running = after;
		fitted.push({ ...step, intent });
	}
	return { ok: true, value: { steps: fitted, clamped } };
}

/** Larger, or through zero onto the other side (a new position, however the old one compares). */
export function grows(before: number, after: number): boolean {
	return Math.abs(after) > Math.abs(before) || (after !== 0 && Math.sign(after) !== Math.sign(before));
}

function round(value: number): number {
	return Number(value.toPrecision(10));
}
