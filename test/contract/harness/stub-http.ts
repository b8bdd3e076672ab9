import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

// What every broker stub does with the raw HTTP: read a request whole, write an answer.

export interface Answer {
	/** 0: no answer at all (NO_ANSWER). */
	status: number;
	/** An object is sent as JSON, a string as text; none or '': an empty body. */
	body?: unknown;
}

/** A dropped connection: the client sees no answer at all. */
export const NO_ANSWER: Answer = { status: 0 };

export interface ReceivedRequest {
	method: string;
	/** The path as received, query excluded (not decoded). */
	path: string;
	/** The query parameters. */
	query: Record<string, string>;
	rawQuery: string;
	rawBody: string;
	/** The body parsed as JSON; undefined when empty or not JSON. */
	json: unknown;
	/** A body was sent and is not JSON. */
	badJson: boolean;
	headers: IncomingHttpHeaders;
}

/** A request as a JSON API's stub logs it: its body parsed, or its text when it is not JSON. */
export interface BodyRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: unknown;
}

/** `received` as a BodyRequest, its path named `path` (the path as received unless told). */
export function bodyRequest(received: ReceivedRequest, path = received.path): BodyRequest {
	const { method, query, headers, json, badJson, rawBody } = received;
	return { method, path, query, headers, body: badJson ? rawBody : json };
}

/** The Content-Type headers a stub writes, as its exchange writes them. */
export interface ContentTypes {
	json: string;
	text: string;
}

export const PLAIN_CONTENT_TYPES: ContentTypes = { json: 'application/json', text: 'text/plain; charset=utf-8' };

export async function receive(request: IncomingMessage): Promise<ReceivedRequest> {
	const url = new URL(request.url ?? '/', 'http://stub');
	const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : '';
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const rawBody = Buffer.concat(chunks).toString('utf8');
	const { json, badJson } = parseJson(rawBody);
	return {
		method: request.method ?? 'GET',
		path: url.pathname,
		query: Object.fromEntries(new URLSearchParams(rawQuery)),
		rawQuery,
		rawBody,
		json,
		badJson,
		headers: request.headers,
	};
}

export function sendAnswer(response: ServerResponse, answer: Answer, contentTypes: ContentTypes): void {
	if (answer.status === 0) {
		response.socket?.destroy();
		return;
	}
	if (answer.body === undefined || answer.body === '') {
		response.writeHead(answer.status).end();
		return;
	}
	const json = typeof answer.body !== 'string';
	const payload = json ? JSON.stringify(answer.body) : (answer.body as string);
	response.writeHead(answer.status, { 'content-type': json ? contentTypes.json : contentTypes.text }).end(payload);
}

function parseJson(text: string): { json: unknown; badJson: boolean } {
	if (text === '') return { json: undefined, badJson: false };
	try {
		return { json: JSON.parse(text), badJson: false };
	} catch {
		return { json: undefined, badJson: true };
	}
}
