// How broker adapters reach HTTP without depending on n8n: the node passes n8n's own
// `this.helpers.httpRequest`, tests pass fetch against a local stub server.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
	method: HttpMethod;
	url: string;
	headers?: Record<string, string>;
	query?: Record<string, string | number | boolean>;
	/** Sent as JSON. */
	body?: unknown;
	timeoutMs?: number;
}

export interface HttpResponse {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, else the text ('' for none). */
	body: unknown;
}

export interface HttpPort {
	/** Answers every HTTP status; throws only when no answer arrived (network error, timeout). */
	send(request: HttpRequest): Promise<HttpResponse>;
}
