import '../binance/ccxt-under-jest';

import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { clientIdMapping } from '../../../core/brokers/ccxt/ccxt-client-ids';
import { loadCcxt } from '../../../core/brokers/ccxt/ccxt-loader';
import type { CcxtMarket, CcxtParams } from '../../../core/brokers/ccxt/ccxt-types';
import { clientOrderIdFor } from '../../../core/order/client-order-id';
import { intent } from '../binance/binance-fixture';
import { rejection } from '../../support/rejection';
import { fakeExchange, genericBroker } from './ccxt-fake-exchange';

const OURS = 'tv-0123456789abcdef0123456789ab';

describe('client order ids as each exchange takes them (ccxt-client-ids.ts)', () => {
	it.each([
		['okx', 'tv0123456789abcdef0123456789ab', 'tv0123456789abcdef0123456789ab'],
		['myokx', 'tv0123456789abcdef0123456789ab', 'tv0123456789abcdef0123456789ab'],
		['gate', '0123456789abcdef0123456789ab', 't-0123456789abcdef0123456789ab'],
		['kraken', 'tv0123456789abcdef', 'tv0123456789abcdef'],
		['bybit', OURS, OURS],
		['kucoin', OURS, OURS],
		['binance', OURS, OURS],
		['coinbase', OURS, OURS],
	])('%s: sends %s, reads back %s, and turns that into our id again', (exchangeId, sent, reported) => {
		const mapping = clientIdMapping(exchangeId, exchangeId);

		expect(mapping.sent(OURS)).toBe(sent);
		expect(mapping.sent(OURS)).toBe(sent);
		expect(mapping.reported(OURS)).toBe(reported);
		expect(mapping.ours(reported)).toBe(OURS);
		expect(clientIdMapping(exchangeId, exchangeId).reported(OURS)).toBe(reported);
	});

	it('inverts the lossless mappings without having seen the id (an order placed by an earlier execution)', () => {
		const id = clientOrderIdFor('wf/node', 'alert-1', 'entry');
		const hex = id.slice(3);

		expect(clientIdMapping('okx', 'OKX').ours(`tv${hex}`)).toBe(id);
		expect(clientIdMapping('gate', 'Gate').ours(`t-${hex}`)).toBe(id);
		expect(clientIdMapping('kraken', 'Kraken').ours(`tv${hex.slice(0, 16)}`)).toBe(`tv${hex.slice(0, 16)}`);
		expect(clientIdMapping('okx', 'OKX').ours('someone-elses')).toBe('someone-elses');
	});

	it.each([
		['okx', 'x'.repeat(33), 'OKX takes client order ids of 1 to 32 letters and digits (clOrdId)'],
		['okx', '---', 'OKX takes client order ids of 1 to 32 letters and digits (clOrdId)'],
		['gate', 'tv-too-long-for-gate-text-field', 'Gate takes client order ids of t- followed by up to 26 of letters, digits, _, - and . (text)'],
		['kraken', 'tv-not-ours-and-too-long', 'Kraken takes client order ids of a UUID or free text of up to 18 characters (cl_ord_id)'],
		['bybit', 'x'.repeat(37), 'Bybit takes client order ids of 1 to 36 of letters, digits, _ and -'],
		['kucoin', 'a.b', 'KuCoin takes client order ids of 1 to 40 of letters, digits, _ and -'],
		['coinbase', 'has space', 'Coinbase takes client order ids of 1 to 64 printable characters without spaces'],
	])('%s refuses %s with InvalidOrderError naming the rule', (exchangeId, id, rule) => {
		const label = rule.split(' takes')[0];
		const error = (() => {
			try {
				clientIdMapping(exchangeId, label).sent(id);
			} catch (caught) {
				return caught as Error;
			}
			throw new Error('expected a refusal');
		})();

		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe(`${rule}; ${JSON.stringify(id)} cannot be sent as one`);
	});

	it('the mapped ids pass ccxt itself, which sends them under the exchange name (okx clOrdId, gate text t-…, kraken cl_ord_id)', async () => {
		const ccxt = loadCcxt();
		const bodies: Record<string, string[]> = {};
		const send = async (exchangeId: string, clientOrderId: string, secret = 'c2VjcmV0LWtleQ==') => {
			const exchange = new (ccxt[exchangeId] as new (config: CcxtParams) => Record<string, unknown> & {
				setMarkets(markets: CcxtMarket[]): void;
				createOrder(...args: unknown[]): Promise<unknown>;
			})({ apiKey: 'key', secret, password: 'pass', options: { fetchCurrencies: false } });
			const id = exchangeId === 'gate' ? 'BTC_USDT' : exchangeId === 'okx' ? 'BTC-USDT' : 'XBTUSDT';
			exchange.setMarkets([{ id, symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', spot: true, type: 'spot', active: true, precision: { amount: 0.0001, price: 0.1 }, limits: { amount: { min: 0.0001 } }, info: {} } as CcxtMarket]);
			exchange.fetch = async (_url: string, _method: string, _headers: unknown, body: string | undefined) => {
				(bodies[exchangeId] ??= []).push(String(body));
				throw new Error('not sent');
			};
			return await rejection(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.001, 20000, { clientOrderId }));
		};

		await send('okx', clientIdMapping('okx', 'OKX').sent(OURS));
		await send('gate', clientIdMapping('gate', 'Gate').sent(OURS));
		await send('kraken', clientIdMapping('kraken', 'Kraken').sent(OURS));
		const unmapped = await send('gate', OURS);

		expect(bodies.okx.at(-1)).toContain('"clOrdId":"tv0123456789abcdef0123456789ab"');
		expect(bodies.gate.find((body) => body.includes('"text"'))).toContain(`"text":"${clientIdMapping('gate', 'Gate').reported(OURS)}"`);
		expect(bodies.kraken.at(-1)).toContain('cl_ord_id=tv0123456789abcdef');
		expect(unmapped.message).toBe('gate createOrder () clientOrderId or text param must be up to 28 characters');
	});
});

describe('the generic venue places, finds and reports orders by the mapped id', () => {
	it('OKX: the same intent always sends the same clOrdId; a resend is found as a duplicate, and read-backs report our id', async () => {
		const { exchange, created } = fakeExchange({ id: 'okx', name: 'OKX', free: { USDT: 100000 } });
		const broker = genericBroker(exchange);

		const first = await broker.placeOrder(intent({ symbol: 'BTC/USDT' }));
		const again = await rejection(genericBroker(exchange).placeOrder(intent({ symbol: 'BTC/USDT' })));
		const readBack = await broker.getOrderByClientId(intent().clientOrderId);

		expect(created.map((request) => request.params.clientOrderId)).toEqual(['tv0123456789abcdef0123456789ab']);
		expect(first.clientOrderId).toBe(intent().clientOrderId);
		expect(again.constructor.name).toBe('DuplicateClientOrderIdError');
		expect(readBack).toEqual(first);
	});

	it('Kraken (lossy): an id this broker mapped is reported as ours', async () => {
		const { exchange, orders } = fakeExchange({ id: 'kraken', name: 'Kraken' });
		const broker = genericBroker(exchange);
		await broker.placeOrder(intent({ symbol: 'BTC/USDT' }));
		orders[0].status = 'open';

		expect((await broker.listOpenOrders()).map((order) => order.clientOrderId)).toEqual([intent().clientOrderId]);
		expect(orders[0].clientOrderId).toBe('tv0123456789abcdef');
	});
});
