import './ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, CLIENT_ID, intent, startStub, withoutSigning } from './binance-fixture';
import { fillLeg } from './binance-stub-order-lists';

const TP = `${CLIENT_ID}-tp`;
const SL = `${CLIENT_ID}-sl`;
const LIST = `${CLIENT_ID}-oco`;

describe('Binance spot exits: OCO after the fill, cancelled by an exit, moved to break-even', () => {
	let stub: BinanceStub;

	beforeEach(async () => {
		stub = await startStub({ balances: { USDT: '10000', BTC: '0' } });
	});

	afterEach(async () => {
		await stub.close();
	});

	const posts = (path: string) => stub.requests.filter((request) => request.method === 'POST' && request.path === path).map(withoutSigning);

	it('places take profit + stop loss as one OCO sell of the filled quantity, prices rounded to the tick, and reads it back on a second call', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000.126, stopLossPrice: 28999.994 });
		const entry = await broker.placeOrder(entryIntent);

		const exits = await broker.attachExits!(entryIntent, entry);
		const again = await broker.attachExits!(entryIntent, entry);

		expect(posts('/api/v3/orderList/oco')).toEqual([
			{
				symbol: 'BTCUSDT',
				listClientOrderId: LIST,
				side: 'SELL',
				quantity: '0.01',
				aboveType: 'LIMIT_MAKER',
				aboveClientOrderId: TP,
				abovePrice: '33000.13',
				belowType: 'STOP_LOSS',
				belowClientOrderId: SL,
				belowStopPrice: '28999.99',
				newOrderRespType: 'RESULT',
			},
		]);
		expect(exits.map((order) => [order.clientOrderId, order.side, order.type, order.quantity, order.limitPrice, order.stopPrice, order.status])).toEqual([
			[SL, 'sell', 'stop', 0.01, null, 28999.99, 'open'],
			[TP, 'sell', 'limit', 0.01, 33000.13, null, 'open'],
		]);
		expect(again.map((order) => order.clientOrderId)).toEqual([TP, SL]);
		expect(stub.spot.free.get('BTC')).toBe(0n);
		expect(stub.spot.locked.get('BTC')).toBe(1_000_000n);
	});

	it('sells no more than the coins free after the fill (a fee paid in BTC), rounded down to the step', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000, stopLossPrice: 29000 });
		const entry = await broker.placeOrder(entryIntent);
		stub.spot.setBalance('BTC', '0.00999');

		await broker.attachExits!(entryIntent, entry);

		expect(posts('/api/v3/orderList/oco')[0].quantity).toBe('0.00999');
	});

	it('places a take profit alone as a LIMIT sell and a stop loss alone as a STOP_LOSS sell', async () => {
		const broker = binanceBroker(stub);
		const tpOnly = intent({ quantity: 0.01, takeProfitPrice: 33000 });
		await broker.attachExits!(tpOnly, await broker.placeOrder(tpOnly));
		const slOnly = intent({ clientOrderId: 'tv-fedcba9876543210fedcba987654', quantity: 0.01, stopLossPrice: 29000 });
		await broker.attachExits!(slOnly, await broker.placeOrder(slOnly));

		expect(posts('/api/v3/order').slice(1, 2).concat(posts('/api/v3/order').slice(3))).toEqual([
			{ symbol: 'BTCUSDT', side: 'SELL', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.01', price: '33000', newClientOrderId: TP, newOrderRespType: 'RESULT' },
			{ symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_LOSS', quantity: '0.01', stopPrice: '29000', newClientOrderId: 'tv-fedcba9876543210fedcba987654-sl', newOrderRespType: 'RESULT' },
		]);
		expect(posts('/api/v3/orderList/oco')).toEqual([]);
	});

	it("Binance's price rules come back as InvalidOrderError: a take profit below the last price (-1166)", async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 29500, stopLossPrice: 29000 });
		const entry = await broker.placeOrder(entryIntent);

		const error = await rejection(broker.attachExits!(entryIntent, entry));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('A limit order in a sell OCO must be above.');
		expect(stub.spot.lists).toEqual([]);
	});

	it('an exit first cancels the OCO holding the coins (DELETE /api/v3/orderList), then sells', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000, stopLossPrice: 29000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));
		stub.requests.length = 0;

		const exit = await broker.placeOrder(intent({ clientOrderId: 'tv-exit', side: 'sell', quantity: 0.01, reduceOnly: true }));

		expect(calls(stub)).toEqual([
			'GET /api/v3/order',
			'GET /api/v3/account',
			'GET /api/v3/openOrders',
			'DELETE /api/v3/orderList',
			'GET /api/v3/account',
			'POST /api/v3/order',
		]);
		expect(withoutSigning(stub.requests[3])).toEqual({ symbol: 'BTCUSDT', orderListId: '1' });
		expect(stub.spot.findByClientId('BTCUSDT', TP)?.status).toBe('CANCELED');
		expect(stub.spot.findByClientId('BTCUSDT', SL)?.status).toBe('CANCELED');
		expect(exit).toMatchObject({ side: 'sell', status: 'filled', filledQuantity: 0.01 });
		expect(stub.spot.free.get('BTC')).toBe(0n);
	});

	it('a cancel of both legs of an OCO: the first cancels the list, the second finds its leg cancelled', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000, stopLossPrice: 29000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));

		const open = await broker.listOpenOrders('BTCUSDT');
		const canceled = [];
		for (const order of open) canceled.push(await broker.cancelOrder(order.clientOrderId));

		expect(canceled.map((order) => [order.clientOrderId, order.status])).toEqual([
			[SL, 'canceled'],
			[TP, 'canceled'],
		]);
	});

	it('moves the stop loss to the entry price: the OCO is placed again with the same take profit, a second move changes nothing', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000, stopLossPrice: 29000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));
		stub.spot.setPrice('BTCUSDT', '31000');

		const moved = await broker.moveStopsToBreakeven!('BTCUSDT');
		const again = await broker.moveStopsToBreakeven!('BTCUSDT');

		expect(posts('/api/v3/orderList/oco')[1]).toEqual({
			symbol: 'BTCUSDT',
			listClientOrderId: `${CLIENT_ID}-boco`,
			side: 'SELL',
			quantity: '0.01',
			aboveType: 'LIMIT_MAKER',
			aboveClientOrderId: `${CLIENT_ID}-btp`,
			abovePrice: '33000',
			belowType: 'STOP_LOSS',
			belowClientOrderId: `${CLIENT_ID}-bsl`,
			belowStopPrice: '30000',
			newOrderRespType: 'RESULT',
		});
		expect(moved.map((order) => [order.clientOrderId, order.stopPrice])).toEqual([[`${CLIENT_ID}-bsl`, 30000]]);
		expect(again.map((order) => [order.clientOrderId, order.stopPrice])).toEqual([[`${CLIENT_ID}-bsl`, 30000]]);
		expect(posts('/api/v3/orderList/oco')).toHaveLength(2);
		expect(stub.spot.findByClientId('BTCUSDT', SL)?.status).toBe('CANCELED');
	});

	it('refuses the move while the price is not above the entry price, and changes nothing', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000, stopLossPrice: 29000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));
		stub.spot.setPrice('BTCUSDT', '29500');

		const error = await rejection(broker.moveStopsToBreakeven!('BTCUSDT'));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('BTCUSDT trades at 29500, not above the entry price 30000: a stop loss moved there would trigger at once');
		expect(stub.spot.findByClientId('BTCUSDT', SL)?.status).toBe('NEW');
	});

	it('when the take profit fills, Binance expires the stop loss and the coins are sold', async () => {
		const broker = binanceBroker(stub);
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 33000, stopLossPrice: 29000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));

		fillLeg(stub.spot, TP);

		expect(await broker.getOrderByClientId(TP)).toMatchObject({ status: 'filled', filledQuantity: 0.01, averageFillPrice: 33000 });
		expect(await broker.getOrderByClientId(SL)).toMatchObject({ status: 'expired' });
		expect(await broker.getPosition('BTCUSDT')).toBeNull();
		// another execution's broker finds a closed exit by its entry's symbol (from the order journal)
		const later = binanceBroker(stub, {}, { orderSymbol: (id) => (id === CLIENT_ID ? 'BTCUSDT' : null) });
		expect(await later.getOrderByClientId(SL)).toMatchObject({ clientOrderId: SL, status: 'expired' });
	});

	it('places a trailing stop by percent as a STOP_LOSS sell with trailingDelta in basis points, alone or as the OCO stop leg', async () => {
		const broker = binanceBroker(stub);
		const trailing = intent({ quantity: 0.01, trailingStop: { amount: null, percent: 1.5 } });
		await broker.attachExits!(trailing, await broker.placeOrder(trailing));
		const both = intent({ clientOrderId: 'tv-fedcba9876543210fedcba987654', quantity: 0.01, takeProfitPrice: 33000, trailingStop: { amount: null, percent: 2 } });
		await broker.attachExits!(both, await broker.placeOrder(both));

		expect(posts('/api/v3/order')[1]).toEqual({
			symbol: 'BTCUSDT',
			side: 'SELL',
			type: 'STOP_LOSS',
			quantity: '0.01',
			trailingDelta: '150',
			newClientOrderId: `${CLIENT_ID}-ts`,
			newOrderRespType: 'RESULT',
		});
		expect(posts('/api/v3/orderList/oco')).toEqual([
			expect.objectContaining({ belowType: 'STOP_LOSS', belowClientOrderId: 'tv-fedcba9876543210fedcba987654-ts', belowTrailingDelta: '200', aboveClientOrderId: 'tv-fedcba9876543210fedcba987654-tp' }),
		]);
		expect(posts('/api/v3/orderList/oco')[0]).not.toHaveProperty('belowStopPrice');
		expect(stub.spot.findByClientId('BTCUSDT', `${CLIENT_ID}-ts`)).toMatchObject({ type: 'STOP_LOSS', trailingDelta: 150, status: 'NEW' });
		expect(binanceBroker(stub).capabilities.trailingStops).toBe(true);
	});

	it.each([
		['a trailing stop by an amount', { trailingStop: { amount: 300, percent: null } }, /^Binance spot trails by a percent \(trailingDelta\), not by an amount of 300/],
		['a trailing percent of 0.015 (not whole basis points)', { trailingStop: { amount: null, percent: 0.015 } }, /in whole basis points \(0.01 %\), not 0.015$/],
		['a trailing percent of 25', { trailingStop: { amount: null, percent: 25 } }, /not 25$/],
		[
			'a limit entry with exits (it may rest and fill without them)',
			{ type: 'limit' as const, limitPrice: 29000, takeProfitPrice: 33000 },
			/^Binance spot takes a take profit or stop loss only after the entry has filled, and a limit entry may rest unfilled .*: send the entry as a market order$/,
		],
	])('refuses %s before sending anything', async (_case, overrides, message) => {
		const error = await rejection(binanceBroker(stub).placeOrder(intent({ quantity: 0.01, ...overrides })));

		expect(error.message).toMatch(message);
		expect(stub.requests).toEqual([]);
	});
});
