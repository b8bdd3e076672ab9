import { assertLeverage, assertPositionMode } from '../ccxt/perpetual-config';
import type { PositionMode } from '../ccxt/perpetual-venue';

export interface BybitConfig {
	apiKey: string;
	secret: string;
	/** testnet: https://api-testnet.bybit.com (ccxt's sandbox); live: https://api.bybit.com. */
	environment: 'testnet' | 'live';
	/** The account's position mode for USDT perpetuals: one-way (positionIdx 0) or hedge (1 long, 2 short). */
	positionMode: PositionMode;
	/** Set on each symbol before its first order (buy and sell leverage alike); absent: left as the account has it. */
	leverage?: number;
	/** Replaces the host of every REST address (a proxy, or a test server). */
	baseUrl?: string;
	timeoutMs?: number;
}

export function assertBybitConfig(config: BybitConfig): void {
	assertPositionMode('Bybit', config.positionMode);
	assertLeverage('Bybit', config.leverage, 200);
}
