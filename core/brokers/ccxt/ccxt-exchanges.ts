import { InvalidOrderError, UnsupportedError } from '../broker-errors';
import { assertCcxtConfig, type CcxtExchangeConfig, ccxtExchangeOptions } from './ccxt-config';
import { errorDetails } from './ccxt-errors';
import { ccxtExchangeClass, loadCcxt } from './ccxt-loader';
import { type Redactor, redactorFor } from '../base/redact';
import type { CcxtExchange, CcxtModule } from './ccxt-types';
import { normalisedBaseUrl, rebasedApiUrls } from './ccxt-urls';

/*
 * The ccxt exchange instances behind the brokers, configured; ccxt is loaded by the first call.
 * A baseUrl replaces the host of every REST address after that (ccxt-urls.ts).
 */

export interface ConfiguredExchange {
	exchange: CcxtExchange;
	ccxt: CcxtModule;
}

export function ccxtExchange(config: CcxtExchangeConfig): ConfiguredExchange {
	const exchangeId = assertCcxtConfig(config);
	const ccxt = loadCcxt();
	const exchangeClass = ccxtExchangeClass(ccxt, exchangeId);
	if (exchangeClass === null) {
		throw new InvalidOrderError(`ccxt ${ccxt.version} has no exchange with the id ${exchangeId}`, errorDetails(exchangeId));
	}
	const exchange = new exchangeClass(ccxtExchangeOptions(config));
	if (config.sandbox) enableSandbox(exchange, exchangeId, redactorFor([config.apiKey, config.secret, config.password, config.uid]));
	rebase(exchange, config.baseUrl);
	return { exchange, ccxt };
}

/**
 * ccxt's sandbox mode, where the exchange has test addresses. ccxt itself does not refuse an
 * exchange without them (urls.test is declared but empty): it would send every request nowhere.
 */
function enableSandbox(exchange: CcxtExchange, exchangeId: string, redact: Redactor): void {
	const test = exchange.urls.test;
	const hasTest = typeof test === 'string' ? test !== '' : test !== null && typeof test === 'object' && Object.keys(test).length > 0;
	let problem = hasTest ? null : 'it has no test addresses';
	if (problem === null) {
		try {
			exchange.setSandboxMode(true);
		} catch (error) {
			problem = error instanceof Error ? error.message : String(error);
		}
	}
	if (problem !== null) {
		throw new UnsupportedError(redact(`${exchangeId} has no sandbox in ccxt (${problem}): turn Sandbox off to trade on the live exchange`), errorDetails(exchangeId));
	}
}

/** Points every REST address of the exchange at baseUrl's host, when one is given. */
export function rebase(exchange: CcxtExchange, baseUrl: string | undefined): void {
	const base = normalisedBaseUrl(baseUrl);
	if (base !== null) exchange.urls.api = rebasedApiUrls(exchange.urls.api, base);
}
