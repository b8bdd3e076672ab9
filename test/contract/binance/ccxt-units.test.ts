import './ccxt-under-jest';

import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	OrderNotFoundError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import { errorClassFor } from '../../../core/brokers/base/error-table';
import { BINANCE_ERRORS } from '../../../core/brokers/binance/binance-errors';
import { binanceExchange } from '../../../core/brokers/binance/binance-exchange';
import { parseBinanceOrder } from '../../../core/brokers/binance/binance-parse-order';
import { decimalText, productBelow, withoutFloatNoise } from '../../../core/brokers/ccxt/ccxt-decimal';
import { redactorFor } from '../../../core/brokers/base/redact';
import { findMarket, type MarketIndex } from '../../../core/brokers/ccxt/ccxt-symbols';
import type { CcxtMarket } from '../../../core/brokers/ccxt/ccxt-types';
import { rebasedApiUrls } from '../../../core/brokers/ccxt/ccxt-urls';
import { PayloadError } from '../../../core/brokers/base/payload';

const credential = { apiKey: 'key-0123456789', secretKey: 'secret-0123456789' };

describe('ccxt adapter pieces', () => {
	it.each([
		[1e-7, '0.0000001'],
		[1.5e-8, '0.000000015'],
		[0.1 + 0.2, '0.30000000000000004'],
		[1e21, '1000000000000000000000'],
		[42, '42'],
	])('writes %p as plain decimal %p', (value, text) => {
		expect(decimalText(value)).toBe(text);
	});

	it('drops float noise but keeps every digit a quantity really has', () => {
		expect(withoutFloatNoise(0.7 * 3)).toBe(2.1);
		expect(withoutFloatNoise(0.1 + 0.2)).toBe(0.3);
		expect(withoutFloatNoise(12345.12345678)).toBe(12345.12345678);
	});

	it('compares a notional exactly', () => {
		expect(productBelow('0.00005', '100000', '5')).toBe(false);
		expect(productBelow('0.00004999', '100000', '5')).toBe(true);
		expect(productBelow('0.1', '3', '0.3')).toBe(false);
	});

	it('redacts every credential, longest first, and every query string', () => {
		const redact = redactorFor(['abcd', 'abcdefgh', '', undefined]);
		expect(redact('x abcdefgh y abcd z https://h.example/p?apiKey=abcd&signature=ff tail')).toBe('x [redacted] y [redacted] z https://h.example/p tail');
	});

	it('rebases every Binance address on a base URL, keeping the paths', () => {
		const { exchange } = binanceExchange({ ...credential, environment: 'live', market: 'spot' });
		const rebased = rebasedApiUrls(exchange.urls.api, 'http://127.0.0.1:8080/proxy') as Record<string, string>;

		expect(rebased.public).toBe('http://127.0.0.1:8080/proxy/api/v3');
		expect(rebased.private).toBe('http://127.0.0.1:8080/proxy/api/v3');
		expect(rebased.v1).toBe('http://127.0.0.1:8080/proxy/api/v1');
		expect(rebased.sapi).toBe('http://127.0.0.1:8080/proxy/sapi/v1');
		expect(rebased.fapiPrivate).toBe('http://127.0.0.1:8080/proxy/fapi/v1');
		expect(rebased.fapiPrivateV3).toBe('http://127.0.0.1:8080/proxy/fapi/v3');
		expect(Object.values(rebased).every((url) => url.startsWith('http://127.0.0.1:8080/proxy/'))).toBe(true);
		expect(rebasedApiUrls({ rest: 'https://{hostname}', nested: { a: 'https://api.{hostname}/v5' } }, 'http://h')).toEqual({
			rest: 'http://h',
			nested: { a: 'http://h/v5' },
		});
	});

	it('points spot and USD-M, testnet and live, at the right Binance addresses, with the minimal options', () => {
		const spotTestnet = binanceExchange({ ...credential, environment: 'testnet', market: 'spot' }).exchange;
		const spotLive = binanceExchange({ ...credential, environment: 'live', market: 'spot' }).exchange;
		const usdmTestnet = binanceExchange({ ...credential, environment: 'testnet', market: 'usdm' }).exchange;
		const usdmLive = binanceExchange({ ...credential, environment: 'live', market: 'usdm' }).exchange;
		const proxied = binanceExchange({ ...credential, environment: 'testnet', market: 'usdm', baseUrl: 'https://proxy.example/b/' }).exchange;
		const api = (exchange: typeof spotLive) => exchange.urls.api as Record<string, string>;

		expect(api(spotTestnet).private).toBe('https://testnet.binance.vision/api/v3');
		expect(api(spotLive).private).toBe('https://api.binance.com/api/v3');
		expect(api(usdmTestnet).fapiPrivate).toBe('https://testnet.binancefuture.com/fapi/v1');
		expect(api(usdmLive).fapiPrivateV3).toBe('https://fapi.binance.com/fapi/v3');
		expect(api(proxied).fapiPublic).toBe('https://proxy.example/b/fapi/v1');
		expect(spotLive.id).toBe('binance');
		expect(usdmLive.id).toBe('binanceusdm');
		expect(spotLive.options).toMatchObject({
			fetchCurrencies: false,
			fetchMargins: false,
			fetchMarkets: { types: ['spot'] },
			adjustForTimeDifference: false,
			recvWindow: 10_000,
			maxRetriesOnFailure: 0,
			createOrder: { quoteOrderQty: false },
		});
		expect(usdmLive.options.fetchMarkets).toMatchObject({ types: ['linear'] });
		expect((spotLive as unknown as { enableRateLimit: boolean }).enableRateLimit).toBe(true);
	});

	it.each([
		[400, -2010, 'Duplicate order sent.', DuplicateClientOrderIdError],
		[400, -4116, 'ClientOrderId is duplicated.', DuplicateClientOrderIdError],
		[400, -2010, 'Account has insufficient balance for requested action.', InsufficientFundsError],
		[400, -2019, 'Margin is insufficient.', InsufficientFundsError],
		[400, -2010, 'Order would immediately match and take.', InvalidOrderError],
		[400, -1013, 'Filter failure: LOT_SIZE', InvalidOrderError],
		[400, -1111, 'Precision is over the maximum defined for this asset.', InvalidOrderError],
		[400, -2013, 'Order does not exist.', OrderNotFoundError],
		[400, -2011, 'Unknown order sent.', OrderNotFoundError],
		[400, -1022, 'Signature for this request is not valid.', AuthenticationError],
		[401, -2015, 'Invalid API-key, IP, or permissions for action.', AuthenticationError],
		[401, -2014, 'API-key format invalid.', AuthenticationError],
		[429, -1003, 'Too many requests', RateLimitedError],
		[418, -1003, 'Way too many requests; IP banned', RateLimitedError],
		[400, -1015, 'Too many new orders.', RateLimitedError],
		[503, undefined, 'Service Unavailable', BrokerUnavailableError],
		[400, -1007, 'Timeout waiting for response from backend server. Send status unknown; execution status unknown.', BrokerUnavailableError],
		[400, -1021, 'Timestamp for this request is outside of the recvWindow.', BrokerUnavailableError],
		[403, undefined, 'WAF limit', BrokerError],
		[404, undefined, '', BrokerError],
	])('maps Binance HTTP %s code %s (%s) to %p', (status, code, message, expected) => {
		expect(errorClassFor(BINANCE_ERRORS, status, { code, message })).toBe(expected);
	});

	it('reads Binance orders, refusing one it cannot read', () => {
		const spot = {
			symbol: 'BTCUSDT',
			orderId: 12,
			clientOrderId: 'tv-1',
			price: '0.00000000',
			origQty: '0.50000000',
			executedQty: '0.50000000',
			cummulativeQuoteQty: '15000.10000000',
			status: 'FILLED',
			type: 'MARKET',
			side: 'SELL',
			stopPrice: '0.00000000',
			transactTime: 1_700_000_000_000,
		};

		expect(parseBinanceOrder(spot, false)).toEqual({
			brokerOrderId: '12',
			clientOrderId: 'tv-1',
			symbol: 'BTCUSDT',
			side: 'sell',
			type: 'market',
			quantity: 0.5,
			limitPrice: null,
			stopPrice: null,
			status: 'filled',
			filledQuantity: 0.5,
			averageFillPrice: 30000.2,
			createdAt: '2023-11-14T22:13:20.000Z',
		});
		expect(parseBinanceOrder({ ...spot, type: 'TAKE_PROFIT', status: 'NEW', executedQty: '0' }, false)).toMatchObject({ type: 'stop', status: 'open' });
		expect(parseBinanceOrder({ ...spot, type: 'TAKE_PROFIT', origType: 'TAKE_PROFIT', price: '1', status: 'PARTIALLY_FILLED' }, true)).toMatchObject({
			type: 'stop_limit',
			status: 'partially_filled',
			limitPrice: 1,
		});
		expect(parseBinanceOrder({ ...spot, status: 'SOMETHING_NEW' }, false).status).toBe('new');
		expect(() => parseBinanceOrder({ ...spot, side: 'BOTH' }, false)).toThrow(PayloadError);
		expect(() => parseBinanceOrder({ ...spot, clientOrderId: undefined }, false)).toThrow('clientOrderId is missing');
		expect(() => parseBinanceOrder({ ...spot, type: 'OCO' }, false)).toThrow('the order type is unknown: OCO');
	});

	describe('symbols', () => {
		const market = (id: string, symbol: string, extra: Partial<CcxtMarket> = {}): CcxtMarket => ({
			id,
			symbol,
			base: symbol.split('/')[0],
			quote: symbol.split(/[/:]/)[1],
			spot: !symbol.includes(':'),
			contract: symbol.includes(':'),
			linear: symbol.includes(':') ? true : null,
			precision: {},
			limits: {},
			info: {},
			...extra,
		});
		const index = (markets: CcxtMarket[], contracts: boolean): MarketIndex => ({
			markets: Object.fromEntries(markets.map((entry) => [entry.symbol, entry])),
			byId: markets.reduce<Record<string, CcxtMarket[]>>((byId, entry) => ({ ...byId, [entry.id]: [...(byId[entry.id] ?? []), entry] }), {}),
			accepts: (entry) => (contracts ? entry.contract === true : entry.spot === true),
			contracts,
		});

		it('finds spot markets by unified symbol, id, prefix and BASEQUOTE', () => {
			const spot = index([market('BTCUSDT', 'BTC/USDT'), market('XETHZUSD', 'ETH/USD')], false);

			expect(findMarket(spot, 'BTC/USDT')?.id).toBe('BTCUSDT');
			expect(findMarket(spot, 'btc/usdt')?.id).toBe('BTCUSDT');
			expect(findMarket(spot, 'BINANCE:BTCUSDT')?.id).toBe('BTCUSDT');
			expect(findMarket(spot, 'ETHUSD')?.id).toBe('XETHZUSD');
			expect(findMarket(spot, 'KRAKEN:ETHUSD')?.id).toBe('XETHZUSD');
			expect(findMarket(spot, 'DOGEUSD')).toBeNull();
		});

		it('finds contracts by perpetual suffix and BASE/QUOTE, and not spot markets with the same id', () => {
			const markets = [market('BTCUSDT', 'BTC/USDT'), market('BTCUSDT', 'BTC/USDT:USDT')];

			expect(findMarket(index(markets, true), 'BTCUSDT.P')?.symbol).toBe('BTC/USDT:USDT');
			expect(findMarket(index(markets, true), 'BTC/USDT')?.symbol).toBe('BTC/USDT:USDT');
			expect(findMarket(index(markets, false), 'BTCUSDT')?.symbol).toBe('BTC/USDT');
			expect(findMarket(index(markets, false), 'BTCUSDT.P')).toBeNull();
		});

		it('gives up on two markets that fit equally', () => {
			expect(findMarket(index([market('A1', 'AB/C'), market('A2', 'A/BC')], false), 'ABC')).toBeNull();
		});
	});
});
