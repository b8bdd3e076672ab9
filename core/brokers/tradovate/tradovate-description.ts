import type { BrokerDescription } from '../base/description';

// What the adapter knows about Tradovate's REST API before it sends anything (facts and their
// reasons: docs/design/tradovate-api-facts.md).

export const TRADOVATE_DEMO_URL = 'https://demo.tradovateapi.com/v1';
export const TRADOVATE_LIVE_URL = 'https://live.tradovateapi.com/v1';

export const TRADOVATE: BrokerDescription = Object.freeze({
	id: 'tradovate',
	label: 'Tradovate',
	urls: { live: TRADOVATE_LIVE_URL, sandbox: TRADOVATE_DEMO_URL },
	capabilities: Object.freeze({
		orderTypes: Object.freeze(['market', 'limit', 'stop', 'stop_limit'] as const),
		// Entry + take profit + stop loss in one request (/order/placeOSO, the two exits linked as OCO).
		brackets: true,
		trailingStops: false,
		breakevenStops: false,
		shortSelling: true,
		// Tradovate takes a reused clOrdId without complaint: the adapter reads the id back before
		// every placement, and nothing is resent before a read-back.
		clientOrderIdUnique: 'never' as const,
	}),
});

/** Every request gives up after this long (then a NetworkError, read back before any resend). */
export const TRADOVATE_TIMEOUT_MS = 15_000;

/** A token is renewed once it has less than this left (tokens live about 80 minutes). */
export const TOKEN_RENEW_MARGIN_MS = 10 * 60_000;

/** How long a resolved contract (NQ1! → NQZ6) is trusted before it is looked up again. */
export const CONTRACT_CACHE_MS = 60 * 60_000;
