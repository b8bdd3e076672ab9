import './ccxt-under-jest';

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type * as BinanceBrokerModule from '../../../core/brokers/binance/binance-broker';
import type * as CcxtBrokerModule from '../../../core/brokers/ccxt/ccxt-broker';

/*
 * ccxt is required only when a broker is created. Each test starts from a fresh module registry
 * made with jest.resetModules(): Jest 29's require.cache shows the main registry only, never one
 * made by jest.isolateModules, so a check inside isolateModules could not see ccxt either way.
 */

const ccxtLoaded = (): boolean => Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/]ccxt[\\/]/.test(path));

const config = { apiKey: 'k-0123456789', secretKey: 's-0123456789', environment: 'testnet' as const, market: 'spot' as const, baseUrl: 'http://127.0.0.1:9' };

describe('ccxt is loaded lazily', () => {
	it('is not loaded by importing the adapter, and is loaded by the first factory call', () => {
		jest.resetModules();
		expect(ccxtLoaded()).toBe(false);

		const adapter = require('../../../core/brokers/binance/binance-broker') as typeof BinanceBrokerModule;
		expect(typeof adapter.createBinanceBroker).toBe('function');
		expect(ccxtLoaded()).toBe(false);

		const broker = adapter.createBinanceBroker(config);
		expect(broker.name).toBe('binance');
		expect(ccxtLoaded()).toBe(true);
	});

	it('no module of the adapter loads ccxt on import; createCcxtBroker loads it', () => {
		jest.resetModules();
		const folders = ['ccxt', 'binance'].map((name) => join(__dirname, '../../../core/brokers', name));
		const modules = folders.flatMap((folder) => readdirSync(folder).filter((file) => file.endsWith('.ts')).map((file) => join(folder, file)));
		for (const file of modules) require(file);
		expect(modules.length).toBeGreaterThan(20);
		expect(ccxtLoaded()).toBe(false);

		const adapter = require('../../../core/brokers/ccxt/ccxt-broker') as typeof CcxtBrokerModule;
		const broker = adapter.createCcxtBroker({ exchangeId: 'kraken', apiKey: 'k-0123456789', secret: 's-0123456789', sandbox: false });
		expect(broker.name).toBe('kraken');
		expect(ccxtLoaded()).toBe(true);
	});
});
