import type { HttpPort, HttpRequest, HttpResponse } from '../../../core/brokers/http-port';

/** The HttpPort the contract tests use: plain fetch, as n8n's httpRequest would send it. */
export const fetchHttpPort: HttpPort = {
	async send(request: HttpRequest): Promise<HttpResponse> {
		const url = new URL(request.url);
		for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, String(value));
		const headers: Record<string, string> = { ...request.headers };
		let body: string | undefined;
		if (request.body !== undefined) {
			body = JSON.stringify(request.body);
			headers['content-type'] = 'application/json';
		}
		const response = await fetch(url, {
			method: request.method,
			headers,
			body,
			signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : '';
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, headers: Object.fromEntries(response.headers), body: parsed };
	},
};
