/*
 * Points every REST address of a ccxt exchange at one base URL (a proxy, or a test server),
 * keeping each address's path: with base URL http://127.0.0.1:8080, Binance's
 *   public / private  https://api.binance.com/api/v3       → http://127.0.0.1:8080/api/v3
 *   v1                https://api.binance.com/api/v1       → http://127.0.0.1:8080/api/v1
 *   sapi              https://api.binance.com/sapi/v1      → http://127.0.0.1:8080/sapi/v1
 *   fapiPublic / fapiPrivate  https://fapi.binance.com/fapi/v1 → http://127.0.0.1:8080/fapi/v1
 *   fapiPrivateV3     https://fapi.binance.com/fapi/v3     → http://127.0.0.1:8080/fapi/v3
 * (and the same for the testnet set after sandbox mode). A base URL with a path keeps it in front:
 * https://proxy.example/binance + /api/v3. urls.api may be one string or nested objects (exchanges
 * differ); every string in it that starts with a scheme is rewritten, hosts with ccxt's
 * {hostname} placeholder included.
 */

export function normalisedBaseUrl(baseUrl: string | undefined): string | null {
	const text = typeof baseUrl === 'string' ? baseUrl.trim() : '';
	return text === '' ? null : text.replace(/\/+$/, '');
}

export function isHttpUrl(text: string): boolean {
	try {
		const url = new URL(text);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '';
	} catch {
		return false;
	}
}

/** A copy of urls.api with every address rebased on `baseUrl`. */
export function rebasedApiUrls(api: unknown, baseUrl: string): unknown {
	if (typeof api === 'string') return api.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, baseUrl);
	if (api !== null && typeof api === 'object' && !Array.isArray(api)) {
		return Object.fromEntries(Object.entries(api).map(([key, value]) => [key, rebasedApiUrls(value, baseUrl)]));
	}
	return api;
}
