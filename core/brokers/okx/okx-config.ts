import { AuthenticationError } from '../broker-errors';
import { errorDetails } from '../ccxt/ccxt-errors';
import { assertLeverage, assertPositionMode } from '../ccxt/perpetual-config';
import type { PositionMode } from '../ccxt/perpetual-venue';

export type OkxMarginMode = 'cross' | 'isolated';

export interface OkxConfig {
	apiKey: string;
	secret: string;
	/** The API key's passphrase (OK-ACCESS-PASSPHRASE). */
	passphrase: string;
	/** demo: OKX demo trading (ccxt's sandbox, header x-simulated-trading: 1); live: real money. */
	environment: 'demo' | 'live';
	/** The account's position mode: one-way (net_mode, posSide net) or hedge (long_short_mode, posSide long/short). */
	positionMode: PositionMode;
	/** tdMode of every order, and mgnMode of the leverage setting. */
	marginMode: OkxMarginMode;
	/** Set on each symbol before its first order; absent: left as the account has it. */
	leverage?: number;
	/** Replaces the host of every REST address (a proxy, or a test server). */
	baseUrl?: string;
	timeoutMs?: number;
}

export function assertOkxConfig(config: OkxConfig): void {
	if (typeof config.passphrase !== 'string' || config.passphrase.trim() === '') {
		throw new AuthenticationError('the OKX credential needs the API passphrase', errorDetails('okx'));
	}
	assertPositionMode('OKX', config.positionMode);
	if (config.marginMode !== 'cross' && config.marginMode !== 'isolated') {
		throw new AuthenticationError('the OKX margin mode must be cross or isolated', errorDetails('okx'));
	}
	assertLeverage('OKX', config.leverage, 125);
}
