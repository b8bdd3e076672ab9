import './binance/ccxt-under-jest';

import { AlpacaBroker } from '../../core/brokers/alpaca/alpaca-broker';
import { createBinanceBroker } from '../../core/brokers/binance/binance-broker';
import type { Broker } from '../../core/brokers/broker';
import { createBybitBroker } from '../../core/brokers/bybit/bybit-broker';
import { createCcxtBroker } from '../../core/brokers/ccxt/ccxt-broker';
import { OandaBroker } from '../../core/brokers/oanda/oanda-broker';
import { createOkxBroker } from '../../core/brokers/okx/okx-broker';
import { PaperBroker } from '../../core/brokers/paper/paper-broker';
import { TradovateBroker } from '../../core/brokers/tradovate/tradovate-broker';
import type { PaperStore } from '../../core/ledger/paper-book';
import { fetchHttpPort } from './harness/fetch-http-port';

// A broker whose capabilities say breakevenStops implements moveStopsToBreakeven, and only such
// a broker: execute-alert asks the capability, then calls the method. Nothing is sent here.

const KEY = 'k-0123456789';
const SECRET = 's-0123456789';
const NOWHERE = 'http://127.0.0.1:9';

const brokers: ReadonlyArray<readonly [string, boolean, () => Broker]> = [
	['Paper', true, () => new PaperBroker({} as PaperStore, { account: 'main', startingCash: 1_000, currency: 'USD' })],
	['Alpaca', true, () => new AlpacaBroker(fetchHttpPort, { keyId: KEY, secretKey: SECRET, environment: 'paper', baseUrl: NOWHERE })],
	['OANDA', true, () => new OandaBroker(fetchHttpPort, { accessToken: KEY, accountId: '101-001-1-001', environment: 'practice', baseUrl: NOWHERE })],
	[
		'Tradovate',
		false,
		() =>
			new TradovateBroker(fetchHttpPort, { username: 'u', password: SECRET, appId: 'a', appVersion: '1.0', cid: 1, secret: SECRET, environment: 'demo', baseUrl: NOWHERE }),
	],
	['Binance spot', true, () => createBinanceBroker({ apiKey: KEY, secretKey: SECRET, environment: 'testnet', market: 'spot', baseUrl: NOWHERE })],
	['Binance USD-M', true, () => createBinanceBroker({ apiKey: KEY, secretKey: SECRET, environment: 'testnet', market: 'usdm', baseUrl: NOWHERE })],
	['Bybit', false, () => createBybitBroker({ apiKey: KEY, secret: SECRET, environment: 'testnet', positionMode: 'one-way', baseUrl: NOWHERE })],
	[
		'OKX',
		false,
		() => createOkxBroker({ apiKey: KEY, secret: SECRET, passphrase: 'p', environment: 'demo', positionMode: 'one-way', marginMode: 'cross', baseUrl: NOWHERE }),
	],
	['ccxt (Kraken)', false, () => createCcxtBroker({ exchangeId: 'kraken', apiKey: KEY, secret: SECRET, sandbox: false })],
];

describe('capabilities.breakevenStops', () => {
	it.each(brokers)('%s: breakevenStops %p, and moveStopsToBreakeven implemented exactly then', (_, expected, create) => {
		const broker = create();
		expect(broker.capabilities.breakevenStops).toBe(expected);
		expect(typeof broker.moveStopsToBreakeven === 'function').toBe(expected);
	});
});
