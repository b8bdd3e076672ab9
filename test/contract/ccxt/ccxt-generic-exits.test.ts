import '../binance/ccxt-under-jest';

jest.setTimeout(30_000);

import { UnsupportedError } from '../../../core/brokers/broker-errors';
import { marketOrderIntent } from '../../support/order-intents';
import { rejection } from '../../support/rejection';
import { fakeExchange, genericBroker } from './ccxt-fake-exchange';

const HAS = { fetchOpenOrders: true, fetchClosedOrders: true, fetchTickers: true };
const buy = (overrides = {}) => marketOrderIntent({ clientOrderId: 'tv-0123456789abcdef0123456789ab', symbol: 'BTC/USDT', quantity: 0.01, ...overrides });

describe('generic ccxt exchanges: exits through ccxt unified takeProfit / stopLoss params', () => {
	it('sends take profit and stop loss with the entry, rounded to the price precision, where ccxt reports createOrderWithTakeProfitAndStopLoss', async () => {
		const { exchange, created } = fakeExchange({ has: { ...HAS, createOrderWithTakeProfitAndStopLoss: true } });
		const broker = genericBroker(exchange);

		await broker.placeOrder(buy({ takeProfitPrice: 33000.06, stopLossPrice: 28999.94 }));
		await broker.placeOrder(buy({ clientOrderId: 'tv-fedcba9876543210fedcba987654', stopLossPrice: 29000 }));

		expect(broker.capabilities.brackets).toBe(true);
		expect(broker.attachExits).toBeUndefined();
		expect(broker.moveStopsToBreakeven).toBeUndefined();
		expect(created.map((order) => order.params)).toEqual([
			{ clientOrderId: 'tv0123456789abcdef0123456789ab', takeProfit: { triggerPrice: 33000.1 }, stopLoss: { triggerPrice: 28999.9 } },
			{ clientOrderId: 'tvfedcba9876543210fedcba987654', stopLoss: { triggerPrice: 29000 } },
		]);
	});

	it('refuses exits before sending on an exchange ccxt does not report them for, naming it and what it lacks', async () => {
		const { exchange, created, calls } = fakeExchange({ id: 'kraken', name: 'Kraken', has: HAS });
		const broker = genericBroker(exchange);

		const error = await rejection(broker.placeOrder(buy({ takeProfitPrice: 33000 })));

		expect(broker.capabilities.brackets).toBe(false);
		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe(
			'Kraken (ccxt kraken) does not take a take profit or stop loss with the entry (ccxt reports no createOrderWithTakeProfitAndStopLoss): place the exits as their own orders',
		);
		expect(created).toEqual([]);
		expect(calls).toEqual([]);
	});

	it('refuses a trailing stop with the entry on any generic exchange', async () => {
		const { exchange, created } = fakeExchange({ has: { ...HAS, createOrderWithTakeProfitAndStopLoss: true } });

		const error = await rejection(genericBroker(exchange).placeOrder(buy({ trailingStop: { amount: null, percent: 1 } })));

		expect(error).toBeInstanceOf(UnsupportedError);
		expect(error.message).toBe('OKX trailing stops with the entry are not placed by this node: use a stop-loss price');
		expect(created).toEqual([]);
	});
});
