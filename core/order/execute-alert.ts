import type { BrokerOrder, OrderIntent, OrderPreview } from '../brokers/broker';
import type { Planned } from './order-failure';
import type { AlertOrderInput, OrderSettings } from './order-input';
import { type PlaceOnceContext, placeOnce } from './place-once';
import { type AlertPlan, type OrderLeg, planAlertOrders } from './plan-alert-orders';

export interface ExecuteAlertContext extends PlaceOnceContext {
	dryRun: boolean;
}

export interface LegResult {
	leg: OrderLeg;
	clientOrderId: string;
	/** The order as this package asked for it. */
	request: OrderIntent;
	/** Dry run: the exact request the broker would be sent, validated as placing would. */
	brokerRequest?: OrderPreview;
	order: BrokerOrder | null;
	alreadyPlaced: boolean;
}

export interface AlertExecution {
	note: string;
	drift: AlertPlan['drift'];
	dryRun: boolean;
	orders: LegResult[];
	canceled: BrokerOrder[];
}

/** Brokers that simulate fills learn prices from alerts (the Paper broker). */
interface PriceObserver {
	markPrice(symbol: string, price: number): Promise<BrokerOrder[]>;
}

function observesPrices(broker: object): broker is PriceObserver {
	return typeof (broker as Partial<PriceObserver>).markPrice === 'function';
}

/** Plans the alert's orders and carries them out, each at most once. */
export async function executeAlert(
	input: AlertOrderInput,
	settings: OrderSettings,
	context: ExecuteAlertContext,
): Promise<Planned<AlertExecution>> {
	const { broker } = context;
	if (!context.dryRun && input.symbol !== null && input.price !== null && observesPrices(broker)) {
		await broker.markPrice(input.symbol, input.price);
	}
	const planned = await planAlertOrders(input, settings, {
		scope: context.scope,
		position: async (symbol) => (await broker.getPosition(symbol))?.quantity ?? 0,
		equity: async () => (await broker.getAccount()).equity,
	});
	if (!planned.ok) return planned;
	const plan = planned.value;
	const execution: AlertExecution = { note: plan.note, drift: plan.drift, dryRun: context.dryRun, orders: [], canceled: [] };

	for (const step of plan.steps) {
		if (step.kind === 'cancel_open_orders') {
			if (context.dryRun) continue;
			for (const order of await broker.listOpenOrders(step.symbol)) {
				execution.canceled.push(await broker.cancelOrder(order.clientOrderId));
			}
			continue;
		}
		const { intent, leg } = step;
		if (context.dryRun) {
			const brokerRequest = await broker.previewOrder(intent);
			await context.journal.record({
				at: (context.now ?? (() => new Date()))(),
				scope: context.scope,
				broker: broker.name,
				alertId: intent.alertId,
				clientOrderId: intent.clientOrderId,
				kind: 'dry_run',
				detail: { request: intent, brokerRequest },
			});
			execution.orders.push({ leg, clientOrderId: intent.clientOrderId, request: intent, brokerRequest, order: null, alreadyPlaced: false });
			continue;
		}
		const placed = await placeOnce(intent, context);
		execution.orders.push({
			leg,
			clientOrderId: intent.clientOrderId,
			request: intent,
			order: placed.order,
			alreadyPlaced: placed.alreadyPlaced,
		});
	}
	return { ok: true, value: execution };
}
