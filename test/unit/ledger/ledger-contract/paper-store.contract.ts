import { DuplicateClientOrderIdError, InsufficientFundsError } from '../../../../core/brokers/broker-errors';
import type { PaperStore } from '../../../../core/ledger/paper-book';
import type { PaperBroker } from '../../../../core/brokers/paper/paper-broker';
import { paperBrokerOn, paperIntent } from '../../../support/paper';
import type { LedgerBackend } from './backends';

// The Paper broker's scenarios on each backend's PaperStore (test/unit/paper covers its rules in
// depth on SQLite).

function brokerOn(store: PaperStore, account = 'main', startingCash = 10_000): PaperBroker {
	let ids = 0;
	return paperBrokerOn(store, {
		account,
		startingCash,
		currency: 'USD',
		newId: () => `${account}-order-${++ids}-${Math.random().toString(36).slice(2, 8)}`,
	});
}

export function paperStoreContract(backend: LedgerBackend): void {
	describe('paper store', () => {
		it('fills a market buy, holds the position, and realises P&L on a partial sell', async () => {
			const broker = brokerOn((await (await backend.newStore()).open()).paper);

			const bought = await broker.placeOrder(paperIntent({ clientOrderId: 'b1', quantity: 10, referencePrice: 150.25 }));
			expect(bought).toMatchObject({ clientOrderId: 'b1', status: 'filled', filledQuantity: 10, averageFillPrice: 150.25 });
			expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 10, averagePrice: 150.25 });
			expect(await broker.getAccount()).toEqual({
				currency: 'USD',
				cash: 8497.5,
				equity: 10_000,
				buyingPower: 8497.5,
				realisedPnl: 0,
			});

			await broker.placeOrder(paperIntent({ clientOrderId: 's1', side: 'sell', quantity: 4, referencePrice: 160.5 }));

			expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 6, averagePrice: 150.25 });
			expect(await broker.getAccount()).toEqual({
				currency: 'USD',
				cash: 9139.5,
				equity: 10_102.5,
				buyingPower: 9139.5,
				realisedPnl: 41,
			});
			expect(await broker.getOrderByClientId('b1')).toEqual(bought);
			expect(await broker.getOrderByClientId('nope')).toBeNull();
		});

		it('refuses a second order with the same client order id and keeps the first', async () => {
			const broker = brokerOn((await (await backend.newStore()).open()).paper);
			const first = await broker.placeOrder(paperIntent({ clientOrderId: 'same', quantity: 1, referencePrice: 100 }));

			await expect(broker.placeOrder(paperIntent({ clientOrderId: 'same', quantity: 5, referencePrice: 90 }))).rejects.toBeInstanceOf(
				DuplicateClientOrderIdError,
			);

			expect(await broker.getOrderByClientId('same')).toEqual(first);
			expect((await broker.getAccount()).cash).toBe(9900);
		});

		it('keeps nothing of a call that fails: no cash, no order, no mark', async () => {
			const broker = brokerOn((await (await backend.newStore()).open()).paper);

			await expect(broker.placeOrder(paperIntent({ clientOrderId: 'big', quantity: 1000, referencePrice: 100 }))).rejects.toBeInstanceOf(
				InsufficientFundsError,
			);

			expect(await broker.getOrderByClientId('big')).toBeNull();
			expect(await broker.getAccount()).toMatchObject({ cash: 10_000, equity: 10_000 });
			// Without a kept mark, a market order has no price to fill at.
			await expect(broker.placeOrder(paperIntent({ clientOrderId: 'm', quantity: 1 }))).rejects.toThrow('needs a price');
		});

		it('rests limit orders and fills them oldest first when a price reaches them', async () => {
			const broker = brokerOn((await (await backend.newStore()).open()).paper);
			await broker.markPrice('AAPL', 100);
			// Same timestamp for all: placement order alone decides who fills first.
			const first = await broker.placeOrder(paperIntent({ clientOrderId: 'l1', type: 'limit', limitPrice: 95, quantity: 60 }));
			const second = await broker.placeOrder(paperIntent({ clientOrderId: 'l2', type: 'limit', limitPrice: 95, quantity: 60 }));
			const other = await broker.placeOrder(paperIntent({ clientOrderId: 'l3', symbol: 'MSFT', type: 'limit', limitPrice: 10, quantity: 1 }));
			expect(first.status).toBe('open');
			expect(await broker.listOpenOrders()).toEqual([first, second, other]);
			expect(await broker.listOpenOrders('AAPL')).toEqual([first, second]);

			const filled = await broker.markPrice('AAPL', 94);

			// 60 x 94 = 5640 leaves 4360: not enough for the second.
			expect(filled.map((order) => [order.clientOrderId, order.averageFillPrice])).toEqual([['l1', 94]]);
			expect(await broker.getOrderByClientId('l2')).toMatchObject({ status: 'rejected', filledQuantity: 0 });
			expect(await broker.listOpenOrders()).toEqual([other]);
			expect(await broker.cancelOrder('l3')).toEqual({ ...other, status: 'canceled' });
			expect(await broker.listOpenOrders()).toEqual([]);
			expect(await broker.getAccount()).toMatchObject({ cash: 4360, realisedPnl: 0 });
		});

		it('lists positions by symbol in byte order and keeps accounts apart', async () => {
			const ledger = await (await backend.newStore()).open();
			const main = brokerOn(ledger.paper, 'main');
			const other = brokerOn(ledger.paper, 'other', 500);
			for (const symbol of ['b', 'B', 'a']) {
				await main.placeOrder(paperIntent({ clientOrderId: `buy-${symbol}`, symbol, quantity: 1, referencePrice: 10 }));
			}
			await other.placeOrder(paperIntent({ clientOrderId: 'buy-b', symbol: 'b', quantity: 2, referencePrice: 20 }));

			expect((await main.listPositions()).map((position) => position.symbol)).toEqual(['B', 'a', 'b']);
			expect(await other.listPositions()).toEqual([{ symbol: 'b', quantity: 2, averagePrice: 20 }]);
			expect((await main.getAccount()).cash).toBe(9970);
			expect((await other.getAccount()).cash).toBe(460);
		});

		it('keeps cash exact for 40 concurrent buys on one account over two connections', async () => {
			const store = await backend.newStore();
			const brokers = [brokerOn((await store.open()).paper, 'main', 100_000), brokerOn((await store.open()).paper, 'main', 100_000)];

			const orders = await Promise.all(
				Array.from({ length: 40 }, (_, index) =>
					brokers[index % 2].placeOrder(paperIntent({ clientOrderId: `buy-${index}`, quantity: 0.1, referencePrice: 100.1 })),
				),
			);

			expect(orders.every((order) => order.status === 'filled')).toBe(true);
			// 40 x 0.1 x 100.1 = 400.4
			expect(await brokers[0].getAccount()).toEqual({
				currency: 'USD',
				cash: 99_599.6,
				equity: 100_000,
				buyingPower: 99_599.6,
				realisedPnl: 0,
			});
			expect(await brokers[1].getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 4, averagePrice: 100.1 });
		}, 120_000);

		it('places one order for 30 concurrent calls with the same client order id', async () => {
			const store = await backend.newStore();
			const brokers = [brokerOn((await store.open()).paper), brokerOn((await store.open()).paper)];

			const results = await Promise.allSettled(
				Array.from({ length: 30 }, (_, index) =>
					brokers[index % 2].placeOrder(paperIntent({ clientOrderId: 'retry', quantity: 1, referencePrice: 100 })),
				),
			);

			expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
			const refused = results.filter((result) => result.status === 'rejected');
			expect(refused).toHaveLength(29);
			expect(refused.every((result) => result.reason instanceof DuplicateClientOrderIdError)).toBe(true);
			expect((await brokers[0].getAccount()).cash).toBe(9900);
		}, 120_000);

		it('keeps cash, positions and resting orders across a restart', async () => {
			const store = await backend.newStore();
			const before = brokerOn((await store.open()).paper);
			await before.placeOrder(paperIntent({ clientOrderId: 'b', quantity: 10, referencePrice: 100 }));
			await before.placeOrder(paperIntent({ clientOrderId: 's', side: 'sell', quantity: 4, referencePrice: 110 }));
			const resting = await before.placeOrder(paperIntent({ clientOrderId: 'sl', type: 'stop_limit', stopPrice: 120, limitPrice: 121, quantity: 1 }));
			await before.markPrice('AAPL', 125);
			const accountBefore = await before.getAccount();

			await store.restart();
			const after = brokerOn((await store.open()).paper);

			expect(accountBefore).toEqual({ currency: 'USD', cash: 9440, equity: 10_190, buyingPower: 9440, realisedPnl: 40 });
			expect(await after.getAccount()).toEqual(accountBefore);
			expect(await after.listPositions()).toEqual([{ symbol: 'AAPL', quantity: 6, averagePrice: 100 }]);
			expect(await after.listOpenOrders()).toEqual([resting]);
			// The stop triggered before the restart; the limit fills after it.
			expect(await after.markPrice('AAPL', 119)).toEqual([{ ...resting, status: 'filled', filledQuantity: 1, averageFillPrice: 119 }]);
		}, 120_000);

		it('holds a resting entry\'s exits, works them after its fill, trails, lowers and cancels them, across a restart', async () => {
			const store = await backend.newStore();
			const before = brokerOn((await store.open()).paper);
			await before.markPrice('AAPL', 105);
			await before.placeOrder(
				paperIntent({ clientOrderId: 'e', type: 'limit', limitPrice: 100, takeProfitPrice: 112, trailingStop: { amount: 4, percent: null } }),
			);
			expect(await before.getOrderByClientId('e/trail:4')).toMatchObject({ status: 'new', stopPrice: 96 });
			expect((await before.markPrice('AAPL', 99)).map((order) => order.clientOrderId)).toEqual(['e']);
			await before.markPrice('AAPL', 106);
			await before.placeOrder(paperIntent({ clientOrderId: 'x', side: 'sell', quantity: 4, reduceOnly: true, referencePrice: 105 }));

			await store.restart();
			const after = brokerOn((await store.open()).paper);

			expect((await after.listOpenOrders()).map((order) => [order.clientOrderId, order.quantity, order.limitPrice ?? order.stopPrice])).toEqual([
				['e/tp', 6, 112],
				['e/trail:4', 6, 102],
			]);
			const [filled] = await after.markPrice('AAPL', 101.5);
			expect(filled).toMatchObject({ clientOrderId: 'e/trail:4', filledQuantity: 6, averageFillPrice: 101.5 });
			expect(await after.getOrderByClientId('e/tp')).toMatchObject({ status: 'canceled' });
			expect(await after.listOpenOrders()).toEqual([]);
			expect(await after.getPosition('AAPL')).toBeNull();
			// 4 × (105 − 99) + 6 × (101.5 − 99)
			expect((await after.getAccount()).realisedPnl).toBe(39);
		}, 120_000);
	});
}
