import { executeAlert, type ExecuteAlertContext } from '../../../core/order/execute-alert';
import type { AlertOrderInput } from '../../../core/order/order-input';
import { PaperFixture } from '../paper/paper-fixture';
import { alertInput, orderHarness, orderSettings } from './order-fixture';

// Alerts through the planner to the Paper broker: an entry's exits from a TradersPost-style
// alert, an exit alert that cancels them, a new entry that replaces them, breakeven.

describe('executeAlert on Paper: exits', () => {
	let fixture: PaperFixture;
	let context: ExecuteAlertContext;
	let paper: ReturnType<PaperFixture['broker']>;

	beforeEach(() => {
		fixture = new PaperFixture();
		paper = fixture.broker();
		context = { ...orderHarness().context, broker: paper, dryRun: false };
	});

	afterEach(() => fixture.remove());

	async function alert(alertId: string, fields: Partial<AlertOrderInput>) {
		const result = await executeAlert(alertInput({ alertId, symbol: 'AAPL', ...fields }), orderSettings(), context);
		if (!result.ok) throw new Error(JSON.stringify(result.failure));
		return result.value;
	}
	const open = async () => (await paper.listOpenOrders('AAPL')).map((order) => [order.type, order.side, order.quantity, order.limitPrice ?? order.stopPrice]);

	it('an entry with percent exits gets them at prices from its fill; an exit alert closes the position and cancels them', async () => {
		await alert('a1', { action: 'buy', quantity: 10, price: 200, takeProfitPercent: 5, stopLossPercent: 2.5 });
		expect(await open()).toEqual([
			['limit', 'sell', 10, 210],
			['stop', 'sell', 10, 195],
		]);

		const exit = await alert('a2', { action: 'exit', price: 204 });

		expect(exit.orders).toEqual([expect.objectContaining({ leg: 'close', order: expect.objectContaining({ status: 'filled', averageFillPrice: 204 }) })]);
		expect(await open()).toEqual([]);
		expect(await paper.getAccount()).toMatchObject({ realisedPnl: 40 });
	});

	it('a partial exit leaves the exits for what is left; the take profit then fills on a later alert\'s price', async () => {
		await alert('a1', { action: 'buy', quantity: 10, price: 200, takeProfitPrice: 210, stopLossPrice: 190 });
		await alert('a2', { action: 'exit', quantity: 4, price: 205 });
		expect(await open()).toEqual([
			['limit', 'sell', 6, 210],
			['stop', 'sell', 6, 190],
		]);

		// Any alert for the symbol carries its price to the Paper broker first: a cancel of nothing here.
		await alert('a3', { action: 'cancel', price: 211 });

		expect(await paper.getPosition('AAPL')).toBeNull();
		expect(await paper.getAccount()).toMatchObject({ realisedPnl: 4 * 5 + 6 * 11 });
	});

	it('a price alert orders nothing and reports what its price filled', async () => {
		await alert('a1', { action: 'buy', quantity: 10, price: 200, takeProfitPrice: 210, stopLossPrice: 190 });

		const priced = await alert('a2', { action: 'price', price: 189 });

		expect(priced).toMatchObject({ role: 'exit', orders: [], note: 'price update for AAPL: nothing to order' });
		expect(priced.filledByPrice).toEqual([expect.objectContaining({ type: 'stop', side: 'sell', averageFillPrice: 189 })]);
		expect(await open()).toEqual([]);
		expect(await paper.getAccount()).toMatchObject({ realisedPnl: -110 });
	});

	it('a new entry with its own exits replaces the old ones for the whole position', async () => {
		await alert('a1', { action: 'buy', quantity: 10, price: 200, takeProfitPrice: 210, stopLossPrice: 190 });
		await alert('a2', { action: 'buy', quantity: 5, price: 202, takeProfitAmount: 10, stopLossAmount: 4 });

		expect(await open()).toEqual([
			['limit', 'sell', 15, 212],
			['stop', 'sell', 15, 198],
		]);
	});

	it('a reversal closes the long, its exits with it, and opens the short with its own', async () => {
		context = { ...context };
		const settings = orderSettings({ reverse: true });
		await executeAlert(alertInput({ alertId: 'a1', symbol: 'AAPL', action: 'buy', quantity: 10, price: 200, stopLossPrice: 190 }), settings, context);
		await executeAlert(alertInput({ alertId: 'a2', symbol: 'AAPL', action: 'sell', quantity: 3, price: 198, stopLossPrice: 205 }), settings, context);

		expect(await paper.getPosition('AAPL')).toMatchObject({ quantity: -3 });
		expect(await open()).toEqual([['stop', 'buy', 3, 205]]);
	});

	it('a trailing stop follows later alert prices and fills', async () => {
		await alert('a1', { action: 'buy', quantity: 2, price: 50, stopLossType: 'trailing_stop', stopLossAmount: 1.5 });
		await paper.markPrice('AAPL', 55);
		expect(await open()).toEqual([['stop', 'sell', 2, 53.5]]);

		const [filled] = await paper.markPrice('AAPL', 53.4);

		expect(filled).toMatchObject({ type: 'stop', averageFillPrice: 53.4 });
		expect(await paper.getAccount()).toMatchObject({ realisedPnl: 6.8 });
	});

	it('breakeven moves the stop loss to the average price and says so', async () => {
		await alert('a1', { action: 'buy', quantity: 10, price: 200, stopLossPrice: 190 });

		const moved = await alert('a2', { action: 'breakeven', price: 205 });

		expect(moved).toMatchObject({ role: 'exit', orders: [], note: 'move the AAPL stop loss to break-even' });
		expect(moved.stopsMoved).toEqual([expect.objectContaining({ type: 'stop', stopPrice: 200 })]);
		expect(await alert('a3', { action: 'breakeven', symbol: 'MSFT', price: 10 })).toMatchObject({
			note: 'move the MSFT stop loss to break-even: no working stop loss to move',
			stopsMoved: [],
		});
	});

	it('breakeven on a broker that keeps no exits is refused before anything is sent', async () => {
		const { broker, context: fakeContext } = orderHarness();
		const result = await executeAlert(alertInput({ action: 'breakeven' }), orderSettings(), { ...fakeContext, dryRun: false });
		expect(result).toMatchObject({ ok: false, failure: { code: 'unsupported', field: 'action' } });
		expect(broker.placeCalls).toEqual([]);
	});
});
