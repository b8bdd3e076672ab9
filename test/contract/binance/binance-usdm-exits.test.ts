import './ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import { InvalidOrderError, UnsupportedError } from '../../../core/brokers/broker-errors';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, CLIENT_ID, intent, startStub, withoutSigning } from './binance-fixture';

describe('Binance USD-M exits: Algo Service conditional orders after the fill', () => {
	let stub: BinanceStub;
	const usdm = () => binanceBroker(stub, { market: 'usdm' });
	const algoPosts = () => stub.requests.filter((request) => request.method === 'POST' && request.path === '/fapi/v1/algoOrder').map(withoutSigning);

	beforeEach(async () => {
		stub = await startStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('places take profit and stop loss as reduce-only TAKE_PROFIT_MARKET and STOP_MARKET, triggers rounded to the tick, and places nothing on a second call', async () => {
		const broker = usdm();
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 66000.04, stopLossPrice: 57000.06 });
		const entry = await broker.placeOrder(entryIntent);

		const exits = await broker.attachExits!(entryIntent, entry);
		const again = await broker.attachExits!(entryIntent, entry);

		expect(algoPosts()).toEqual([
			{ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'SELL', type: 'TAKE_PROFIT_MARKET', triggerPrice: '66000', quantity: '0.01', reduceOnly: 'true', clientAlgoId: `${CLIENT_ID}-tp` },
			{ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', triggerPrice: '57000.1', quantity: '0.01', reduceOnly: 'true', clientAlgoId: `${CLIENT_ID}-sl` },
		]);
		expect(exits.map((order) => [order.clientOrderId, order.side, order.type, order.quantity, order.stopPrice, order.status])).toEqual([
			[`${CLIENT_ID}-tp`, 'sell', 'stop', 0.01, 66000, 'open'],
			[`${CLIENT_ID}-sl`, 'sell', 'stop', 0.01, 57000.1, 'open'],
		]);
		expect(again).toEqual(exits);
		expect(stub.usdm.algo.orders).toHaveLength(2);
		expect(await broker.getOrderByClientId(CLIENT_ID)).toMatchObject({ status: 'filled' });
	});

	it('places a trailing stop given as a percent as TRAILING_STOP_MARKET with that callbackRate', async () => {
		const broker = usdm();
		const entryIntent = intent({ side: 'sell', quantity: 0.01, trailingStop: { amount: null, percent: 1.5 } });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));

		expect(algoPosts()).toEqual([
			{ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'BUY', type: 'TRAILING_STOP_MARKET', callbackRate: '1.5', quantity: '0.01', reduceOnly: 'true', clientAlgoId: `${CLIENT_ID}-ts` },
		]);
	});

	it.each([
		['a trailing stop by an amount', { trailingStop: { amount: 300, percent: null } }, UnsupportedError, /^Binance USD-M trails by a percent \(callbackRate\), not by an amount of 300/],
		['a trailing percent above 10', { trailingStop: { amount: null, percent: 12 } }, InvalidOrderError, /^Binance USD-M trails by 0.1 to 10 percent in steps of 0.1, not 12$/],
		['a trailing percent of 0.25', { trailingStop: { amount: null, percent: 0.25 } }, InvalidOrderError, /not 0.25$/],
		['a take profit below the stop loss of a buy', { takeProfitPrice: 50000, stopLossPrice: 55000 }, InvalidOrderError, /must be above its stop loss/],
	])('refuses %s before sending anything', async (_case, overrides, errorClass, message) => {
		const error = await rejection(usdm().placeOrder(intent({ quantity: 0.01, ...overrides })));

		expect(error).toBeInstanceOf(errorClass);
		expect(error.message).toMatch(message);
		expect(stub.requests).toEqual([]);
	});

	it('in hedge mode names the leg (positionSide LONG) instead of reduceOnly', async () => {
		stub.usdm.hedgeMode = true;
		const broker = usdm();
		const entryIntent = intent({ quantity: 0.01, stopLossPrice: 57000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));

		expect(algoPosts()).toEqual([
			{ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', triggerPrice: '57000', quantity: '0.01', positionSide: 'LONG', clientAlgoId: `${CLIENT_ID}-sl` },
		]);
	});

	it('an exit cancels the open reduce-only conditional orders on its side, then closes', async () => {
		const broker = usdm();
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 66000, stopLossPrice: 57000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));
		stub.requests.length = 0;

		const exit = await broker.placeOrder(intent({ clientOrderId: 'tv-exit', side: 'sell', quantity: 0.01, reduceOnly: true }));

		expect(calls(stub)).toEqual(['GET /fapi/v1/order', 'GET /fapi/v1/openAlgoOrders', 'DELETE /fapi/v1/algoOrder', 'DELETE /fapi/v1/algoOrder', 'POST /fapi/v1/order']);
		expect(stub.requests.filter((request) => request.method === 'DELETE').map((request) => withoutSigning(request))).toEqual([{ algoId: '9001' }, { algoId: '9002' }]);
		expect(stub.usdm.algo.orders.map((order) => order.algoStatus)).toEqual(['CANCELED', 'CANCELED']);
		expect(exit).toMatchObject({ side: 'sell', status: 'filled', filledQuantity: 0.01 });
		expect(stub.usdm.positions.get('BTCUSDT')).toBeUndefined();
	});

	it('moves the stop loss to the entry price: the new stop is placed before the old one is cancelled; refused while the mark is not past the entry', async () => {
		const broker = usdm();
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 66000, stopLossPrice: 57000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));

		const refused = await rejection(broker.moveStopsToBreakeven!('BTCUSDT'));
		stub.usdm.setPrice('BTCUSDT', '62000');
		const moved = await broker.moveStopsToBreakeven!('BTCUSDT');
		const again = await broker.moveStopsToBreakeven!('BTCUSDT');

		expect(refused).toBeInstanceOf(InvalidOrderError);
		expect(refused.message).toBe('BTCUSDT is marked at 60000, not past the entry price 60000 on the winning side: a stop loss moved there would trigger at once');
		expect(algoPosts()[2]).toEqual({ algoType: 'CONDITIONAL', symbol: 'BTCUSDT', side: 'SELL', type: 'STOP_MARKET', triggerPrice: '60000', quantity: '0.01', reduceOnly: 'true', clientAlgoId: `${CLIENT_ID}-bsl` });
		expect(moved.map((order) => [order.clientOrderId, order.stopPrice, order.status])).toEqual([[`${CLIENT_ID}-bsl`, 60000, 'open']]);
		expect(again.map((order) => order.clientOrderId)).toEqual([`${CLIENT_ID}-bsl`]);
		expect(algoPosts()).toHaveLength(3);
		expect(stub.usdm.algo.orders.map((order) => [order.clientAlgoId, order.algoStatus])).toEqual([
			[`${CLIENT_ID}-tp`, 'NEW'],
			[`${CLIENT_ID}-sl`, 'CANCELED'],
			[`${CLIENT_ID}-bsl`, 'NEW'],
		]);
	});

	it('lists the open exits with the open orders, reads one by its id and cancels it (a cancel alert reaches them)', async () => {
		const broker = usdm();
		const entryIntent = intent({ quantity: 0.01, takeProfitPrice: 66000, stopLossPrice: 57000 });
		await broker.attachExits!(entryIntent, await broker.placeOrder(entryIntent));

		const open = await broker.listOpenOrders('BTCUSDT');
		const canceled = await broker.cancelOrder(`${CLIENT_ID}-tp`);
		const stop = await usdm().getOrderByClientId(`${CLIENT_ID}-sl`);

		expect(open.map((order) => [order.clientOrderId, order.type, order.stopPrice])).toEqual([
			[`${CLIENT_ID}-tp`, 'stop', 66000],
			[`${CLIENT_ID}-sl`, 'stop', 57000],
		]);
		expect(stub.requests.filter((request) => request.method === 'DELETE').map(withoutSigning)).toEqual([{ clientAlgoId: `${CLIENT_ID}-tp` }]);
		expect(canceled).toMatchObject({ clientOrderId: `${CLIENT_ID}-tp`, status: 'canceled' });
		expect(stop).toMatchObject({ clientOrderId: `${CLIENT_ID}-sl`, status: 'open', symbol: 'BTCUSDT' });
	});
});
