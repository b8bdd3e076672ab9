import type { BrokerOrder, OrderIntent } from '../../../core/brokers/broker';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import { executeAlert } from '../../../core/order/execute-alert';
import { FakeBroker } from './fake-broker';
import { ALERT_ID, alertInput, orderHarness, orderSettings, SCOPE } from './order-fixture';

const OPEN_ID = clientOrderIdFor(SCOPE, ALERT_ID, 'open');

/** A broker that takes exits only after the entry fills (as Binance spot's OCO does). */
class ExitsAfterFillBroker extends FakeBroker {
	readonly attachCalls: Array<{ intent: OrderIntent; entryStatus: string }> = [];
	/** Look-ups of the entry before it fills; Infinity: never. */
	fillAfterLookups = 1;
	private lookups = 0;

	override async getOrderByClientId(clientOrderId: string): Promise<BrokerOrder | null> {
		const order = this.orders.get(clientOrderId);
		if (order && order.status === 'new' && ++this.lookups >= this.fillAfterLookups) {
			order.status = 'filled';
			order.filledQuantity = order.quantity;
		}
		return await super.getOrderByClientId(clientOrderId);
	}

	async attachExits(intent: OrderIntent, entry: BrokerOrder): Promise<BrokerOrder[]> {
		this.attachCalls.push({ intent, entryStatus: entry.status });
		return [{ ...entry, clientOrderId: `${entry.clientOrderId}-oco`, brokerOrderId: 'oco-1', side: 'sell', type: 'limit', status: 'new', filledQuantity: 0 }];
	}
}

const withExits = { action: 'buy', quantity: 2, takeProfitPrice: 110, stopLossPrice: 95 } as const;

describe('executeAlert: exits a broker takes only after the fill', () => {
	it('places them once the entry has filled, and reports them with the entry', async () => {
		const broker = new ExitsAfterFillBroker();
		broker.fillMarketOrders = false;
		const { executeContext } = orderHarness(undefined, broker);

		const result = await executeAlert(alertInput(withExits), orderSettings(), executeContext(false));

		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(broker.attachCalls).toHaveLength(1);
		expect(broker.attachCalls[0].entryStatus).toBe('filled');
		expect(broker.attachCalls[0].intent.takeProfitPrice).toBe(110);
		expect(broker.attachCalls[0].intent.stopLossPrice).toBe(95);
		expect(result.value.orders[0].exits?.map((exit) => exit.clientOrderId)).toEqual([`${OPEN_ID}-oco`]);
		expect(result.value.orders[0].exitsNotPlaced).toBeUndefined();
	});

	it('does not place them, and says so, when the entry does not fill within the wait', async () => {
		const broker = new ExitsAfterFillBroker();
		broker.fillMarketOrders = false;
		broker.fillAfterLookups = Number.POSITIVE_INFINITY;
		const { executeContext, sleeps } = orderHarness(undefined, broker);

		const result = await executeAlert(alertInput(withExits), orderSettings(), executeContext(false));

		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(broker.attachCalls).toEqual([]);
		expect(result.value.orders[0].order?.clientOrderId).toBe(OPEN_ID);
		expect(result.value.orders[0].exitsNotPlaced).toBe(
			`fake takes these exits only after the entry fills, and the entry ${OPEN_ID} was not confirmed filled within 15 s (status new): its take profit / stop loss were NOT placed`,
		);
		expect(result.value.note).toContain('were NOT placed');
		expect(sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(15_000);
	});

	it('neither waits for the fill nor asks when the broker says this entry has no exits to place after it', async () => {
		const broker = new ExitsAfterFillBroker();
		broker.fillMarketOrders = false;
		broker.fillAfterLookups = Number.POSITIVE_INFINITY;
		const asked: OrderIntent[] = [];
		Object.assign(broker, {
			exitsAfterFill: (intent: OrderIntent) => {
				asked.push(intent);
				return false;
			},
		});
		const { executeContext, sleeps } = orderHarness(undefined, broker);

		const result = await executeAlert(alertInput(withExits), orderSettings(), executeContext(false));

		expect(result.ok && result.value.orders[0].exitsNotPlaced).toBeUndefined();
		expect(asked.map((intent) => intent.clientOrderId)).toEqual([OPEN_ID]);
		expect(broker.attachCalls).toEqual([]);
		expect(sleeps).toEqual([]);
	});

	it('asks for no exits on an entry without them, nor on a closing leg', async () => {
		const broker = new ExitsAfterFillBroker();
		const { executeContext } = orderHarness(undefined, broker);
		broker.setPosition('AAPL', 5);

		const result = await executeAlert(alertInput({ action: 'exit', takeProfitPrice: 110 }), orderSettings(), executeContext(false));

		expect(result.ok && result.value.orders.map((leg) => leg.request.reduceOnly)).toEqual([true]);
		expect(broker.attachCalls).toEqual([]);
	});
});
