import './ccxt-under-jest';

// the first test of a file loads ccxt, which takes seconds on a busy machine
jest.setTimeout(30_000);

import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { rejection } from '../../support/rejection';
import type { BinanceStub } from './binance-stub';
import { binanceBroker, calls, CLIENT_ID, intent, orderParams, placeContext, startStub } from './binance-fixture';

describe('Binance USD-M hedge (dual-side) position mode', () => {
	let stub: BinanceStub;
	const usdm = () => binanceBroker(stub, { market: 'usdm' });
	const sides = () => [...stub.usdm.legs].map(([key, leg]) => [key, leg.amount]);

	beforeEach(async () => {
		stub = await startStub();
		stub.usdm.hedgeMode = true;
	});

	afterEach(async () => {
		await stub.close();
	});

	it('reads the mode from GET /fapi/v1/positionSide/dual (once for several orders), whatever the credential says', async () => {
		const broker = binanceBroker(stub, { market: 'usdm', positionMode: 'one-way' });

		await broker.placeOrder(intent({ clientOrderId: 'tv-long', quantity: 0.01 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-short', side: 'sell', quantity: 0.02 }));

		expect(calls(stub)).toEqual([
			'GET /fapi/v1/exchangeInfo',
			'GET /fapi/v1/positionSide/dual',
			'GET /fapi/v1/order',
			'POST /fapi/v1/order',
			'GET /fapi/v1/order',
			'POST /fapi/v1/order',
		]);
		expect(stub.requests[1].params).toEqual({ timestamp: expect.any(String), recvWindow: '10000', signature: expect.any(String) });
		expect(orderParams(stub).map((params) => [params.side, params.positionSide, params.reduceOnly])).toEqual([
			['BUY', 'LONG', undefined],
			['SELL', 'SHORT', undefined],
		]);
	});

	it('an entry sell while LONG opens a SHORT leg beside it; the position is reported netted', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.03', '58000');
		const broker = usdm();

		await broker.placeOrder(intent({ side: 'sell', quantity: 0.01 }));

		expect(orderParams(stub)[0]).toEqual(expect.objectContaining({ side: 'SELL', positionSide: 'SHORT', quantity: '0.01' }));
		expect(sides()).toEqual([
			['BTCUSDT:LONG', 3_000_000n],
			['BTCUSDT:SHORT', -1_000_000n],
		]);
		expect(await broker.getPosition('BTCUSDT')).toEqual({ symbol: 'BTCUSDT', quantity: 0.02, averagePrice: 58500 });
	});

	it('an exit (reduce-only sell while LONG) reduces the LONG leg: positionSide LONG, no reduceOnly, no SHORT opened', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.03', '58000');

		const order = await usdm().placeOrder(intent({ side: 'sell', quantity: 0.01, reduceOnly: true }));

		expect(orderParams(stub)).toEqual([
			{ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01', newClientOrderId: CLIENT_ID, positionSide: 'LONG', newOrderRespType: 'RESULT' },
		]);
		expect(calls(stub)).toEqual([
			'GET /fapi/v1/exchangeInfo',
			'GET /fapi/v1/positionSide/dual',
			'GET /fapi/v1/order',
			'GET /fapi/v3/positionRisk',
			'GET /fapi/v1/openAlgoOrders',
			'POST /fapi/v1/order',
		]);
		expect(stub.requests[3].params.symbol).toBe('BTCUSDT');
		expect(sides()).toEqual([['BTCUSDT:LONG', 2_000_000n]]);
		expect(order).toMatchObject({ side: 'sell', status: 'filled', filledQuantity: 0.01 });
	});

	it('a reduce-only buy closes the SHORT leg with positionSide SHORT', async () => {
		stub.usdm.setLeg('BTCUSDT', 'SHORT', '0.02', '61000');

		await usdm().placeOrder(intent({ side: 'buy', quantity: 0.02, reduceOnly: true }));

		expect(orderParams(stub)[0]).toEqual(expect.objectContaining({ side: 'BUY', positionSide: 'SHORT' }));
		expect(orderParams(stub)[0]).not.toHaveProperty('reduceOnly');
		expect(stub.usdm.legs.size).toBe(0);
	});

	it('refuses an exit while both legs are open, saying so, with nothing sent', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.03', '58000');
		stub.usdm.setLeg('BTCUSDT', 'SHORT', '0.01', '61000');

		const error = await rejection(usdm().placeOrder(intent({ side: 'sell', quantity: 0.01, reduceOnly: true })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe(
			'Binance USD-M holds both a LONG (0.03) and a SHORT (0.01) BTCUSDT position (hedge mode), reported netted as 0.02; a reduce-only sell cannot tell which to reduce: close one side at Binance first',
		);
		expect(stub.orderPosts()).toEqual([]);
	});

	it.each([
		['larger than the LONG leg', '0.01', 0.02, 'a reduce-only sell of 0.02 BTCUSDT would not only reduce the Binance USD-M LONG position of 0.01 (hedge mode)'],
		['with no LONG leg', '0', 0.01, 'a reduce-only sell of 0.01 BTCUSDT would not only reduce the Binance USD-M LONG position of 0 (hedge mode)'],
	])('refuses an exit %s before sending, so it cannot open a SHORT', async (_case, long, quantity, message) => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', long, '58000');

		const error = await rejection(usdm().placeOrder(intent({ side: 'sell', quantity, reduceOnly: true })));

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe(message);
		expect(stub.orderPosts()).toEqual([]);
	});

	it('previewOrder reads the mode and makes the same exit check, sending no order', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.01', '58000');
		const broker = usdm();

		const preview = await broker.previewOrder(intent({ side: 'sell', quantity: 0.01, reduceOnly: true }));
		const refused = await rejection(broker.previewOrder(intent({ side: 'sell', quantity: 0.02, reduceOnly: true })));

		expect(preview.body).toEqual({ type: 'market', side: 'sell', amount: 0.01, params: { newClientOrderId: CLIENT_ID, positionSide: 'LONG' } });
		expect(refused).toBeInstanceOf(InvalidOrderError);
		expect(stub.orderPosts()).toEqual([]);
	});

	it('a resent exit that already filled resolves to that order: the duplicate look-up comes before the leg check', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.01', '58000');
		const exit = intent({ side: 'sell', quantity: 0.01, reduceOnly: true });
		const first = await usdm().placeOrder(exit);

		const placed = await placeOnce(exit, placeContext(usdm()));

		expect(placed).toEqual({ order: first, alreadyPlaced: true, attempts: 1 });
		expect(stub.orderPosts()).toHaveLength(1);
		expect(stub.usdm.legs.size).toBe(0);
	});

	it('stub: in hedge mode reduceOnly is refused (-1106), a close beyond its leg (-2022), positionSide BOTH (-4061)', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.01', '58000');
		const refusedFlag = stub.usdm.place({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01', positionSide: 'LONG', reduceOnly: 'true' });
		const refusedSize = stub.usdm.place({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.02', positionSide: 'LONG' });
		const refusedSide = stub.usdm.place({ symbol: 'BTCUSDT', side: 'SELL', type: 'MARKET', quantity: '0.01' });

		expect(refusedFlag.answer.body).toEqual({ code: -1106, msg: "Parameter 'reduceOnly' sent when not required." });
		expect(refusedSize.answer.body).toEqual({ code: -2022, msg: 'ReduceOnly Order is rejected.' });
		expect(refusedSide.answer.body).toEqual({ code: -4061, msg: "Order's position side does not match user's setting." });
	});

	it('reads hedge positions as a LONG and a SHORT row and lists their net', async () => {
		stub.usdm.setLeg('BTCUSDT', 'LONG', '0.01', '60000');
		stub.usdm.setLeg('BTCUSDT', 'SHORT', '0.03', '62000');

		expect(await usdm().listPositions()).toEqual([{ symbol: 'BTCUSDT', quantity: -0.02, averagePrice: 61500 }]);
	});
});
