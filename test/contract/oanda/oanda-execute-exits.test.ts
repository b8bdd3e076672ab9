import { executeAlert, type ExecuteAlertContext } from '../../../core/order/execute-alert';
import { MemoryOrderJournal } from '../../unit/order/fake-broker';
import { alertInput, orderSettings, SCOPE } from '../../unit/order/order-fixture';
import { useOandaStub } from './oanda-fixture';

// Alerts with exits carried out on OANDA, from the plan to the trades and orders the stub keeps.

describe('OANDA: alerts with exits, through executeAlert', () => {
	const { stub, broker } = useOandaStub();
	const context = (): ExecuteAlertContext => ({
		broker: broker(),
		journal: new MemoryOrderJournal(),
		scope: SCOPE,
		retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
		sleep: async () => {},
		dryRun: false,
	});
	const exitsOf = (tradeID: string) =>
		stub()
			.book.orders.filter((order) => order.tradeID === tradeID)
			.map((order) => [order.type, order.state, order.price ?? order.distance]);

	it('a reversal: the close takes the old trade and its exits, the new entry opens a trade with its own; nothing waits for a fill', async () => {
		const exits = { symbol: 'EURUSD', quantity: 1000, price: 1.1, takeProfitPercent: 1, stopLossType: 'trailing_stop', stopLossPercent: 0.5 } as const;
		await executeAlert(alertInput({ ...exits, action: 'buy' }), orderSettings({ reverse: true }), context());

		const result = await executeAlert(alertInput({ ...exits, alertId: 'alert-rev', action: 'sell' }), orderSettings({ reverse: true }), context());

		expect(result.ok && result.value.orders.map((leg) => [leg.leg, leg.order?.status, leg.exits])).toEqual([
			['close', 'filled', undefined],
			['open', 'filled', undefined],
		]);
		const [first, second] = stub().book.trades;
		expect(exitsOf(first.id)).toEqual([
			['TAKE_PROFIT', 'CANCELLED', '1.111'],
			['TRAILING_STOP_LOSS', 'CANCELLED', '0.0055'],
		]);
		expect(exitsOf(second.id)).toEqual([
			['TAKE_PROFIT', 'PENDING', '1.089'],
			['TRAILING_STOP_LOSS', 'PENDING', '0.0055'],
		]);
	});

	it('a breakeven alert reports the stop losses it moved; with none working it says so', async () => {
		const none = await executeAlert(alertInput({ alertId: 'alert-0', symbol: 'EURUSD', action: 'breakeven' }), orderSettings(), context());
		await executeAlert(alertInput({ symbol: 'EURUSD', quantity: 1000, price: 1.1, action: 'buy', stopLossAmount: 0.01 }), orderSettings(), context());

		const moved = await executeAlert(alertInput({ alertId: 'alert-2', symbol: 'EURUSD', action: 'breakeven' }), orderSettings(), context());

		expect(none.ok && none.value.note).toBe('move the EURUSD stop loss to break-even: no working stop loss to move');
		expect(moved.ok && moved.value.stopsMoved.map((stop) => [stop.symbol, stop.side, stop.stopPrice])).toEqual([['EUR_USD', 'sell', 1.1]]);
	});
});
