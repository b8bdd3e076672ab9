import type { CcxtExchangeClass, CcxtModule } from './ccxt-types';

let loaded: CcxtModule | null = null;

/**
 * ccxt, loaded on first use: it is some 60 MB of JavaScript for 100+ exchanges, and n8n loads
 * every community node at start-up, so only a workflow that trades through ccxt pays for it.
 */
export function loadCcxt(): CcxtModule {
	if (loaded === null) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports -- ccxt is loaded lazily, see above
		loaded = require('ccxt') as CcxtModule;
	}
	return loaded;
}

/** The exchange class for a ccxt id, or null when ccxt has no exchange by that id. */
export function ccxtExchangeClass(ccxt: CcxtModule, exchangeId: string): CcxtExchangeClass | null {
	if (!ccxt.exchanges.includes(exchangeId)) return null;
	const candidate = ccxt[exchangeId];
	return typeof candidate === 'function' ? (candidate as CcxtExchangeClass) : null;
}
