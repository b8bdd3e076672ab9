import '../binance/ccxt-under-jest';

import { BINANCE_SPOT, BINANCE_USDM } from '../../../core/brokers/binance/binance-description';
import { binanceExchange } from '../../../core/brokers/binance/binance-exchange';
import { createBinanceBroker } from '../../../core/brokers/binance/binance-broker';
import { BYBIT } from '../../../core/brokers/bybit/bybit-description';
import { createBybitBroker } from '../../../core/brokers/bybit/bybit-broker';
import { createCcxtBroker } from '../../../core/brokers/ccxt/ccxt-broker';
import { ccxtDescription } from '../../../core/brokers/ccxt/ccxt-description';
import { ccxtExchange } from '../../../core/brokers/ccxt/ccxt-exchanges';
import { OKX } from '../../../core/brokers/okx/okx-description';
import { createOkxBroker } from '../../../core/brokers/okx/okx-broker';

// The ccxt family's descriptions: what each broker says it can do, that the broker reports
// exactly that, and that the addresses are the ones ccxt sends to.

const KEY = 'k-0123456789';
const SECRET = 's-0123456789';
const NOWHERE = 'http://127.0.0.1:9';

describe('Binance descriptions', () => {
	it('spot: every order type, exits after the fill, no shorting, reduce-only checked, fractional', () => {
		expect(BINANCE_SPOT.id).toBe('binance');
		expect(BINANCE_SPOT.label).toBe('Binance');
		expect(BINANCE_SPOT.capabilities).toEqual({
			orderTypes: ['market', 'limit', 'stop', 'stop_limit'],
			brackets: true,
			trailingStops: true,
			breakevenStops: true,
			shortSelling: false,
			clientOrderIdUnique: 'while_open',
			reduceOnly: true,
			hedgeMode: false,
			fractional: true,
		});
	});

	it('USD-M: market and limit, shorts, reduce-only and hedge mode', () => {
		expect(BINANCE_USDM.id).toBe('binance');
		expect(BINANCE_USDM.label).toBe('Binance USD-M');
		expect(BINANCE_USDM.capabilities).toEqual({
			orderTypes: ['market', 'limit'],
			brackets: true,
			trailingStops: true,
			breakevenStops: true,
			shortSelling: true,
			clientOrderIdUnique: 'while_open',
			reduceOnly: true,
			hedgeMode: true,
			fractional: true,
		});
	});

	it('is what the brokers report', () => {
		const config = { apiKey: KEY, secretKey: SECRET, environment: 'testnet' as const, baseUrl: NOWHERE };
		const spot = createBinanceBroker({ ...config, market: 'spot' });
		const usdm = createBinanceBroker({ ...config, market: 'usdm' });
		expect(spot.name).toBe(BINANCE_SPOT.id);
		expect(spot.capabilities).toBe(BINANCE_SPOT.capabilities);
		expect(usdm.capabilities).toBe(BINANCE_USDM.capabilities);
	});

	it.each([
		['spot', BINANCE_SPOT, 'public'],
		['usdm', BINANCE_USDM, 'fapiPublic'],
	] as const)('%s addresses are ccxt’s, live and testnet', (market, description, api) => {
		const urls = (environment: 'live' | 'testnet') =>
			binanceExchange({ apiKey: KEY, secretKey: SECRET, environment, market }).exchange.urls.api as Record<string, string>;
		expect(urls('live')[api].startsWith(`${description.urls.live}/`)).toBe(true);
		expect(urls('testnet')[api].startsWith(`${description.urls.sandbox}/`)).toBe(true);
	});
});

describe('Bybit and OKX descriptions', () => {
	it.each([
		['Bybit', BYBIT, 'bybit'],
		['OKX', OKX, 'okx'],
	] as const)('%s: market and limit, exits with the entry, shorts, reduce-only, hedge mode, fractional', (label, description, id) => {
		expect(description.id).toBe(id);
		expect(description.label).toBe(label);
		expect(description.capabilities).toEqual({
			orderTypes: ['market', 'limit'],
			brackets: true,
			trailingStops: false,
			breakevenStops: false,
			shortSelling: true,
			clientOrderIdUnique: 'while_open',
			reduceOnly: true,
			hedgeMode: true,
			fractional: true,
		});
	});

	it.each([
		['bybit', BYBIT],
		['okx', OKX],
	] as const)('%s: id, label, brackets and addresses agree with ccxt’s exchange', (exchangeId, description) => {
		const { exchange } = ccxtExchange({ exchangeId, apiKey: KEY, secret: SECRET, password: 'p', sandbox: true, market: 'linear' });
		const fromCcxt = ccxtDescription(exchange, 'linear');
		expect(fromCcxt.id).toBe(description.id);
		expect(fromCcxt.label).toBe(description.label);
		expect(fromCcxt.capabilities.brackets).toBe(description.capabilities.brackets);
		expect(fromCcxt.urls).toEqual(description.urls);
	});

	it('is what the brokers report', () => {
		const bybit = createBybitBroker({ apiKey: KEY, secret: SECRET, environment: 'testnet', positionMode: 'one-way', baseUrl: NOWHERE });
		const okx = createOkxBroker({ apiKey: KEY, secret: SECRET, passphrase: 'p', environment: 'demo', positionMode: 'hedge', marginMode: 'cross', baseUrl: NOWHERE });
		expect(bybit.name).toBe('bybit');
		expect(bybit.capabilities).toBe(BYBIT.capabilities);
		expect(okx.name).toBe('okx');
		expect(okx.capabilities).toBe(OKX.capabilities);
	});
});

describe('the generic ccxt description', () => {
	it('takes order types, brackets and addresses from ccxt; reduce-only everywhere, fractional on spot', () => {
		const spot = createCcxtBroker({ exchangeId: 'kraken', apiKey: KEY, secret: SECRET, sandbox: false });
		const { exchange } = ccxtExchange({ exchangeId: 'kraken', apiKey: KEY, secret: SECRET, sandbox: false });
		const description = ccxtDescription(exchange, 'spot');
		expect(spot.capabilities).toEqual(description.capabilities);
		expect(description).toMatchObject({ id: 'kraken', label: 'Kraken', urls: { live: 'https://api.kraken.com', sandbox: null } });
		expect(description.capabilities).toMatchObject({ breakevenStops: false, shortSelling: false, clientOrderIdUnique: 'while_open', reduceOnly: true, hedgeMode: false, fractional: true });
		expect(ccxtDescription(exchange, 'linear').capabilities).toMatchObject({ shortSelling: true, reduceOnly: true, hedgeMode: false });
		expect(ccxtDescription(exchange, 'linear').capabilities.fractional).toBeUndefined();
	});
});
