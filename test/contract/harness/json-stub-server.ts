import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * The HTTP side of an exchange stub (node:http on 127.0.0.1, a free port): every request is
 * logged, then scripted failures apply (after the exchange's own auth check), then the
 * exchange's routes. `loseNextAnswer` lets the next matching request do its work and replaces
 * its answer (a status, or a dropped connection): the order was taken, its answer lost.
 */

export interface StubRequest {
	method: string;
	path: string;
	/** The query parameters. */
	query: Record<string, string>;
	rawQuery: string;
	rawBody: string;
	/** The body parsed as JSON, or undefined. */
	json: unknown;
	headers: IncomingHttpHeaders;
}

export interface Answer {
	status: number;
	body?: unknown;
}

/** A dropped connection: the client sees no answer at all. */
export const NO_ANSWER: Answer = { status: 0 };

export interface ExchangeRoutes {
	/** An answer refusing the request's authentication, or null when it passes. */
	authRefusal(request: StubRequest): Answer | null;
	route(request: StubRequest): Answer;
}

interface Match {
	method?: string;
	path?: string;
}

interface Scripted {
	remaining: number;
	answer: Answer;
	match?: Match;
}

export class JsonStubServer {
	readonly requests: StubRequest[] = [];
	private readonly scripted: Scripted[] = [];
	private readonly losing: Scripted[] = [];

	private constructor(
		private readonly server: Server,
		private readonly routes: ExchangeRoutes,
	) {}

	static async start(routes: ExchangeRoutes): Promise<JsonStubServer> {
		let stub: JsonStubServer | null = null;
		const server = createServer((request, response) => {
			void stub!.handle(request, response);
		});
		stub = new JsonStubServer(server, routes);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		return stub;
	}

	get baseUrl(): string {
		const { port } = this.server.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	/** The next `times` requests (those matching `match`, when given) answer `answer`, without doing their work. */
	failNext(times: number, answer: Answer, match?: Match): void {
		this.scripted.push({ remaining: times, answer, match });
	}

	/** The next request matching `match` does its work, but is answered `answer` (NO_ANSWER: the connection is dropped). */
	loseNextAnswer(match: Match, answer: Answer = NO_ANSWER): void {
		this.losing.push({ remaining: 1, answer, match });
	}

	/** "METHOD /path" of every request received, in order. */
	calls(): string[] {
		return this.requests.map((request) => `${request.method} ${request.path}`);
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://stub');
		const rawQuery = url.search.startsWith('?') ? url.search.slice(1) : '';
		const rawBody = await readBody(request);
		const logged: StubRequest = {
			method: request.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(new URLSearchParams(rawQuery)),
			rawQuery,
			rawBody,
			json: parseJson(rawBody),
			headers: request.headers,
		};
		this.requests.push(logged);
		const refusal = this.routes.authRefusal(logged);
		if (refusal !== null) return send(response, refusal);
		const scripted = take(this.scripted, logged);
		if (scripted !== undefined) return send(response, scripted);
		const answer = this.routes.route(logged);
		send(response, take(this.losing, logged) ?? answer);
	}
}

/** An exchange stub: its routes, on a JsonStubServer of its own. */
export abstract class StubbedExchange implements ExchangeRoutes {
	private server: JsonStubServer | null = null;

	/** Starts `stub`'s server on a free port. */
	static async listening<T extends StubbedExchange>(stub: T): Promise<T> {
		stub.server = await JsonStubServer.start(stub);
		return stub;
	}

	abstract authRefusal(request: StubRequest): Answer | null;
	abstract route(request: StubRequest): Answer;

	/** Scripting: failNext, loseNextAnswer. */
	get http(): JsonStubServer {
		if (this.server === null) throw new Error('the stub is not started');
		return this.server;
	}

	get baseUrl(): string {
		return this.http.baseUrl;
	}

	get requests(): StubRequest[] {
		return this.http.requests;
	}

	calls(): string[] {
		return this.http.calls();
	}

	/** The JSON bodies of the requests to `method path`, in order. */
	bodies(method: string, path: string): Record<string, unknown>[] {
		return this.requests.filter((request) => request.method === method && request.path === path).map((request) => request.json as Record<string, unknown>);
	}

	async close(): Promise<void> {
		await this.server?.close();
	}
}

/** Whether a decimal text is a whole multiple of a step (both as the exchange writes them). */
export function isMultiple(value: string, step: string): boolean {
	const decimals = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0);
	const scale = 10 ** Math.max(decimals(value), decimals(step));
	return Math.round(Number(value) * scale) % Math.round(Number(step) * scale) === 0;
}

function take(list: Scripted[], request: StubRequest): Answer | undefined {
	const entry = list.find(
		(candidate) => candidate.remaining > 0 && (candidate.match?.method ?? request.method) === request.method && (candidate.match?.path ?? request.path) === request.path,
	);
	if (entry === undefined) return undefined;
	entry.remaining--;
	return entry.answer;
}

function parseJson(text: string): unknown {
	try {
		return text === '' ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}

async function readBody(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, answer: Answer): void {
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
	response.writeHead(answer.status, { 'Content-Type': json ? 'application/json' : 'text/plain' }).end(payload);
}
