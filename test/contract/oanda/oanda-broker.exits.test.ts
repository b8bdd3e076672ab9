import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { OANDA } from '../../../core/brokers/oanda/oanda-description';
import { rejection } from '../../support/rejection';
import { CLIENT_ID, intent, useOandaStub } from './oanda-fixture';

// Exits on OANDA: prices at the instrument's precision, the trailing stop on fill, what happens
// to a trade's exits when it closes, and the move to break-even.

describe('OANDA adapter: exits', () => {
	const { stub, broker } = useOandaStub();
	const calls = () => stub().requests.map((request) => `${request.method} ${request.endpoint}`);
	const postedOrders = () => stub().orderPosts().map((request) => (request.body as { order: Record<string, unknown> }).order);
	const dependents = () =>
		stub()
			.book.orders.filter((order) => order.tradeID !== undefined)
			.map((order) => ({ type: order.type, tradeID: order.tradeID, state: order.state, price: order.price, distance: order.distance, trailingStopValue: order.trailingStopValue, reason: reasonOf(order.cancellingTransactionID) }));
	const reasonOf = (id: string | undefined) => (id === undefined ? undefined : stub().book.transactions.find((each) => each.id === id)?.reason);

	it('says it takes trailing stops', () => {
		expect(OANDA.capabilities.trailingStops).toBe(true);
	});

	describe('exit prices at the instrument precision', () => {
		it("reads EUR_USD's displayPrecision once and rounds take profit and stop loss to it", async () => {
			await broker().placeOrder(intent({ takeProfitPrice: 1.1100049, stopLossPrice: 1.08999501 }));
			await broker().placeOrder(intent({ clientOrderId: 'tv-second', takeProfitPrice: 1.2, stopLossPrice: 1.05 }));

			expect(calls().filter((call) => call === 'GET /instruments')).toHaveLength(1);
			expect(stub().requests.find((request) => request.endpoint === '/instruments')?.query).toEqual({ instruments: 'EUR_USD' });
			expect(postedOrders()[0]).toEqual({
				type: 'MARKET',
				instrument: 'EUR_USD',
				units: '100',
				timeInForce: 'FOK',
				positionFill: 'DEFAULT',
				clientExtensions: { id: CLIENT_ID },
				takeProfitOnFill: { price: '1.11' },
				stopLossOnFill: { price: '1.09' },
			});
		});

		it('USD_JPY takes 3 decimals', async () => {
			await broker().placeOrder(intent({ symbol: 'USDJPY', takeProfitPrice: 151.23456, stopLossPrice: 149.0004 }));
			expect(postedOrders()[0]).toMatchObject({ takeProfitOnFill: { price: '151.235' }, stopLossOnFill: { price: '149' } });
		});

		it('stub: an over-precise take profit is refused with TAKE_PROFIT_ON_FILL_PRICE_PRECISION_EXCEEDED', async () => {
			const response = await fetch(`${stub().url}/v3/accounts/${stub().accountId}/orders`, {
				method: 'POST',
				headers: { authorization: `Bearer ${stub().token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ order: { type: 'MARKET', instrument: 'EUR_USD', units: '1', clientExtensions: { id: 'raw' }, takeProfitOnFill: { price: '1.123456' } } }),
			});
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ errorCode: 'TAKE_PROFIT_ON_FILL_PRICE_PRECISION_EXCEEDED' });
		});

		it('an order without exits reads no instrument details', async () => {
			await broker().placeOrder(intent());
			expect(calls()).not.toContain('GET /instruments');
		});
	});

	describe('trailing stop on fill', () => {
		it('an amount is the distance: trailingStopLossOnFill, and the trade gets a trailing stop loss', async () => {
			await broker().placeOrder(intent({ trailingStop: { amount: 0.0025, percent: null } }));

			expect(postedOrders()[0]).toEqual(expect.objectContaining({ trailingStopLossOnFill: { distance: '0.0025' } }));
			expect(postedOrders()[0]).not.toHaveProperty('stopLossOnFill');
			expect(dependents()).toEqual([{ type: 'TRAILING_STOP_LOSS', tradeID: expect.any(String), state: 'PENDING', price: undefined, distance: '0.0025', trailingStopValue: '1.0975', reason: undefined }]);
		});

		it("a percent becomes a distance from the alert's price, rounded to the instrument (0.5 % of 1.1 → 0.0055)", async () => {
			await broker().placeOrder(intent({ referencePrice: 1.1, trailingStop: { amount: null, percent: 0.5 } }));
			expect(postedOrders()[0]).toMatchObject({ trailingStopLossOnFill: { distance: '0.0055' } });
		});

		it("a limit entry's percent is measured from its limit price; a short trails above", async () => {
			await broker().placeOrder(intent({ side: 'sell', type: 'limit', limitPrice: 1.2, referencePrice: 1.1, trailingStop: { amount: null, percent: 1.23456 } }));
			expect(postedOrders()[0]).toMatchObject({ type: 'LIMIT', units: '-100', price: '1.2', trailingStopLossOnFill: { distance: '0.01481' } });
		});

		it('a percent without any price, and a distance below the minimum, are refused before sending', async () => {
			const noPrice = await rejection(broker().placeOrder(intent({ trailingStop: { amount: null, percent: 1 } })));
			const tooClose = await rejection(broker().placeOrder(intent({ trailingStop: { amount: 0.0001, percent: null } })));

			expect(noPrice).toBeInstanceOf(InvalidOrderError);
			expect(noPrice.message).toBe("a trailing stop given as a percent needs the entry's price to become OANDA's distance: send price in the alert");
			expect(tooClose).toBeInstanceOf(InvalidOrderError);
			expect(tooClose.message).toBe("the trailing stop distance 0.0001 is below OANDA's minimum of 0.0005 for EUR_USD");
			expect(stub().orderPosts()).toEqual([]);
		});
	});

	describe("a trade's exits when it closes", () => {
		it('an exit closes the trade and OANDA cancels its take profit and stop loss (LINKED_TRADE_CLOSED): nothing is cancelled first', async () => {
			await broker().placeOrder(intent({ takeProfitPrice: 1.12, stopLossPrice: 1.08 }));
			stub().requests.length = 0;

			await broker().placeOrder(intent({ clientOrderId: 'tv-exit', side: 'sell', reduceOnly: true }));

			expect(calls().filter((call) => !call.startsWith('GET'))).toEqual(['POST /orders']);
			expect(dependents().map((order) => [order.type, order.state, order.reason])).toEqual([
				['TAKE_PROFIT', 'CANCELLED', 'LINKED_TRADE_CLOSED'],
				['STOP_LOSS', 'CANCELLED', 'LINKED_TRADE_CLOSED'],
			]);
			const trades = await fetch(`${stub().url}/v3/accounts/${stub().accountId}/openTrades`, { headers: { authorization: `Bearer ${stub().token}` } });
			expect(((await trades.json()) as { trades: unknown[] }).trades).toEqual([]);
		});

		it('a reversal: the close cancels the old exits with their trade, the new entry brings its own', async () => {
			await broker().placeOrder(intent({ takeProfitPrice: 1.12, trailingStop: null, stopLossPrice: 1.08 }));
			await broker().placeOrder(intent({ clientOrderId: 'tv-close', side: 'sell', reduceOnly: true }));
			await broker().placeOrder(intent({ clientOrderId: 'tv-open', side: 'sell', takeProfitPrice: 1.08, stopLossPrice: 1.12 }));

			const [first, second] = stub().book.trades;
			expect([first.state, second.state, second.currentUnits]).toEqual(['CLOSED', 'OPEN', -100]);
			expect(dependents().map((order) => [order.type, order.tradeID, order.state, order.price])).toEqual([
				['TAKE_PROFIT', first.id, 'CANCELLED', '1.12'],
				['STOP_LOSS', first.id, 'CANCELLED', '1.08'],
				['TAKE_PROFIT', second.id, 'PENDING', '1.08'],
				['STOP_LOSS', second.id, 'PENDING', '1.12'],
			]);
		});

		it('a partial exit leaves the trade and its exits working', async () => {
			await broker().placeOrder(intent({ stopLossPrice: 1.08 }));
			await broker().placeOrder(intent({ clientOrderId: 'tv-half', side: 'sell', quantity: 40, reduceOnly: true }));
			expect(stub().book.trades[0]).toMatchObject({ state: 'OPEN', currentUnits: 60 });
			expect(dependents().map((order) => order.state)).toEqual(['PENDING']);
		});
	});

	describe('move stop to break-even', () => {
		it("replaces each open trade's stop loss at the trade's price (PUT trades/{id}/orders), the old one CLIENT_REQUEST_REPLACED", async () => {
			await broker().placeOrder(intent({ takeProfitPrice: 1.12, stopLossPrice: 1.08 }));
			const [trade] = stub().book.trades;
			stub().requests.length = 0;

			const moved = await broker().moveStopsToBreakeven('EURUSD');

			expect(calls()).toEqual(['GET /openTrades', `PUT /trades/${trade.id}/orders`]);
			expect(stub().requests[1].body).toEqual({ stopLoss: { price: '1.1', timeInForce: 'GTC' } });
			expect(dependents().map((order) => [order.type, order.state, order.price, order.reason])).toEqual([
				['TAKE_PROFIT', 'PENDING', '1.12', undefined],
				['STOP_LOSS', 'CANCELLED', '1.08', 'CLIENT_REQUEST_REPLACED'],
				['STOP_LOSS', 'PENDING', '1.1', undefined],
			]);
			expect(moved).toEqual([expect.objectContaining({ symbol: 'EUR_USD', side: 'sell', type: 'stop', quantity: 100, stopPrice: 1.1, status: 'open' })]);
		});

		it('a second call moves nothing; a short comes down to its price; a trailing stop is reported as it stands', async () => {
			await broker().placeOrder(intent({ stopLossPrice: 1.08 }));
			await broker().moveStopsToBreakeven('EURUSD');
			stub().requests.length = 0;
			const again = await broker().moveStopsToBreakeven('EURUSD');
			expect(calls()).toEqual(['GET /openTrades']);
			expect(again.map((stop) => stop.stopPrice)).toEqual([1.1]);

			stub().setPrice('GBP_USD', 1.25);
			await broker().placeOrder(intent({ clientOrderId: 'tv-gbp', symbol: 'GBPUSD', side: 'sell', stopLossPrice: 1.3 }));
			await broker().placeOrder(intent({ clientOrderId: 'tv-gbp-2', symbol: 'GBPUSD', side: 'sell', trailingStop: { amount: 0.01, percent: null } }));
			const gbp = await broker().moveStopsToBreakeven('GBP_USD');
			expect(gbp.map((stop) => [stop.side, stop.stopPrice, stop.quantity])).toEqual([
				['buy', 1.26, 100],
				['buy', 1.25, 100],
			]);
		});

		it('a stop loss already past the trade price (moved up by hand) is not loosened; each trade moves to its own price', async () => {
			await broker().placeOrder(intent({ stopLossPrice: 1.15 }));
			stub().setPrice('EUR_USD', 1.2);
			await broker().placeOrder(intent({ clientOrderId: 'tv-2', stopLossPrice: 1.18 }));
			stub().requests.length = 0;

			const stops = await broker().moveStopsToBreakeven('EURUSD');

			expect(stub().requests.filter((request) => request.method === 'PUT').map((request) => [request.endpoint, request.body])).toEqual([
				[`/trades/${stub().book.trades[1].id}/orders`, { stopLoss: { price: '1.2', timeInForce: 'GTC' } }],
			]);
			expect(stops.map((stop) => stop.stopPrice)).toEqual([1.2, 1.15]);
		});
	});
});
