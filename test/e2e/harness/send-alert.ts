export interface AlertAnswer {
	status: number;
	body: Record<string, unknown>;
}

/** POSTs an alert the way TradingView does and reads back the JSON answer. */
export async function sendAlert(
	url: string,
	body: string,
	options: { contentType?: string; headers?: Record<string, string> } = {},
): Promise<AlertAnswer> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': options.contentType ?? 'text/plain; charset=utf-8', ...options.headers },
		body,
	});
	const text = await response.text();
	let parsed: Record<string, unknown>;
	try {
		parsed = JSON.parse(text) as Record<string, unknown>;
	} catch {
		parsed = { unparsedBody: text };
	}
	return { status: response.status, body: parsed };
}
