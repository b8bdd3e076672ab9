import type { IncomingMessage, ServerResponse } from 'node:http';

// What every broker stub does with the raw HTTP: read a JSON request body, write an answer.

export interface StubAnswer {
	status: number;
	/** An object is sent as JSON, a string as text; none: an empty body. */
	body?: unknown;
}

/** The request's body parsed as JSON (undefined when empty), or its text with badJson set. */
export async function readJsonBody(request: IncomingMessage): Promise<{ body: unknown; badJson: boolean }> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	try {
		return { body: raw === '' ? undefined : JSON.parse(raw), badJson: false };
	} catch {
		return { body: raw, badJson: true };
	}
}

export function sendAnswer(response: ServerResponse, answer: StubAnswer): void {
	if (answer.body === undefined) {
		response.writeHead(answer.status).end();
		return;
	}
	const json = typeof answer.body !== 'string';
	const payload = json ? JSON.stringify(answer.body) : (answer.body as string);
	response.writeHead(answer.status, { 'content-type': json ? 'application/json' : 'text/plain; charset=utf-8' }).end(payload);
}
