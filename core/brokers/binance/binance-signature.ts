import { createHmac } from 'node:crypto';

/**
 * Binance's request signature: HMAC-SHA256 of the query string (for POST, of the query string
 * followed by the form body), keyed with the secret key, as lowercase hex. The adapter signs
 * through ccxt; this is here for the test stub, which checks every signature it receives.
 */
export function signBinanceQuery(query: string, secret: string): string {
	return createHmac('sha256', secret).update(query, 'utf8').digest('hex');
}
