import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeTurn } from '../../../../core/order/alert-turn';
import { ALERT_ORDER_FIELDS, placeAlert, readPlaceAlert } from '../../../../core/order/place-alert';
import { alertMarksFor } from '../../../shared/mark-started';
import { problemError } from '../../../shared/node-errors';
import { brokerContextFor } from '../../broker-context';
import { alertFieldProperties, placeOptionsProperty, sizingProperties } from '../../description/order-place';

/** Sizing, right under the operation: with Broker, Resource and Operation it is what a user sets first. */
export const description: INodeProperties[] = sizingProperties;

/** The alert's fields and the options, shown after the Paper account (the node puts them there). */
export const alertDescription: INodeProperties[] = [...alertFieldProperties, placeOptionsProperty];

/** Order → Place: the item's alert as orders, at most once each, within what Risk Check approved. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const alert: Record<string, unknown> = {};
	for (const field of ALERT_ORDER_FIELDS) alert[field] = this.getNodeParameter(field, itemIndex, null);
	const sizingMode = this.getNodeParameter('sizingMode', itemIndex, 'alert') as string;
	const read = readPlaceAlert({
		alert,
		sizingMode,
		sizingValue: sizingMode === 'alert' ? undefined : this.getNodeParameter('sizingValue', itemIndex, 0),
		options: this.getNodeParameter('placeOptions', itemIndex, {}) as IDataObject,
	});
	if (!read.ok) throw problemError(this.getNode(), read.failure, itemIndex);
	const request = read.value;
	const context = await brokerContextFor(this, itemIndex, request.maxAttempts);
	const placed = await placeAlert(request, this.getInputData()[itemIndex]?.json, {
		...context,
		risk: context.ledger.risk,
		alertOrder: context.ledger.fates,
		node: this.getNode().name,
		marks: alertMarksFor(this, context.ledger, 'Broker Order'),
	});
	if (!placed.ok) throw problemError(this.getNode(), placed.failure, itemIndex);
	const { execution, riskReservation } = placed.value;
	const { input } = request;
	const last = execution.orders[execution.orders.length - 1];
	return [
		{
			broker: context.broker.name,
			alertId: input.alertId,
			action: input.action,
			symbol: input.symbol,
			note: execution.note,
			role: execution.role,
			clampedToApproval: execution.clampedToApproval,
			dryRun: execution.dryRun,
			orderId: last?.order?.brokerOrderId ?? null,
			clientOrderId: last?.clientOrderId ?? null,
			status: last?.order?.status ?? (execution.dryRun && last ? 'dry_run' : null),
			filledQuantity: last?.order?.filledQuantity ?? null,
			averagePrice: last?.order?.averageFillPrice ?? null,
			alreadyPlaced: last?.alreadyPlaced ?? false,
			drift: execution.drift,
			alertOrder: execution.turn ? { ...execution.turn, note: describeTurn(input.symbol, execution.turn) } : null,
			exitConfirmedBy: execution.exitConfirmedBy,
			unfilledMarketOrders: execution.unfilledMarketOrders,
			orders: execution.orders,
			canceled: execution.canceled,
			stopsMoved: execution.stopsMoved,
			filledByPrice: execution.filledByPrice,
			riskReservation,
		} as unknown as IDataObject,
	];
}
