import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type Answer, type ContentTypes, NO_ANSWER, PLAIN_CONTENT_TYPES, type ReceivedRequest, receive, sendAnswer } from './stub-http';
import { type RequestMatch, StubScripts } from './stub-scripts';

/*
 * The HTTP shell of every broker stub (node:http on 127.0.0.1, a free port). Each request is read
 * whole and logged as the stub describes it; then the stub's refusal (authentication, a malformed
 * request) answers, else a scripted failure, else the stub's routes, whose answer a scripted
 * loss may replace.
 */

export interface StubRoutes<R> {
	/** What the log holds for a request. */
	describe(received: ReceivedRequest): R;
	/** An answer refusing the request before anything is scripted or carried out, or null. */
	refusal(request: R, received: ReceivedRequest): Answer | null;
	route(request: R): Answer;
}

export interface StubServerOptions<R> {
	contentTypes?: ContentTypes;
	/** The path scripts match and `count` compares with (default: the logged `path`). */
	scriptPath?: (request: R) => string;
}

export class StubServer<R extends { method: string; path: string }> {
	readonly requests: R[] = [];
	private readonly scripts = new StubScripts();
	private readonly server: Server;

	constructor(
		private readonly routes: StubRoutes<R>,
		private readonly options: StubServerOptions<R> = {},
	) {
		this.server = createServer((request, response) => {
			const contentTypes = this.options.contentTypes ?? PLAIN_CONTENT_TYPES;
			void receive(request)
				.then((received) => sendAnswer(response, this.answer(received), contentTypes))
				.catch((error: unknown) => sendAnswer(response, { status: 500, body: `stub failure: ${(error as Error).message}` }, contentTypes));
		});
	}

	async listen(): Promise<this> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return this;
	}

	/** http://127.0.0.1:<port> */
	get origin(): string {
		const { port } = this.server.address() as AddressInfo;
		return `http://127.0.0.1:${port}`;
	}

	/** The next `times` requests matching `match` are answered `answer`, without being carried out. */
	failNext(times: number, answer: Answer, match: RequestMatch = {}): void {
		this.scripts.failNext(times, answer, match);
	}

	/** The next request matching `match` (and `taken`, when given) is carried out, but answered `answer`. */
	loseNextAnswer(match: RequestMatch, answer: Answer = NO_ANSWER, taken?: (answer: Answer) => boolean): void {
		this.scripts.loseNextAnswer(match, answer, taken);
	}

	/** How many `method path` requests were received. */
	count(method: string, path: string): number {
		return this.requests.filter((request) => request.method === method && this.pathOf(request) === path).length;
	}

	async close(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private answer(received: ReceivedRequest): Answer {
		const request = this.routes.describe(received);
		this.requests.push(request);
		const refusal = this.routes.refusal(request, received);
		if (refusal !== null) return refusal;
		const path = this.pathOf(request);
		return this.scripts.failure(request.method, path) ?? this.scripts.delivered(request.method, path, this.routes.route(request));
	}

	private pathOf(request: R): string {
		return this.options.scriptPath?.(request) ?? request.path;
	}
}
