import type { Answer, ReceivedRequest } from './stub-http';
import { StubServer, type StubServerOptions } from './stub-server';

/**
 * A broker stub: what it logs of a request, what it refuses, its routes, on a StubServer of its
 * own (`http`: its log and scripting).
 */
export abstract class HttpStub<R extends { method: string; path: string }> {
	readonly http: StubServer<R>;

	protected constructor(options: StubServerOptions<R> = {}) {
		this.http = new StubServer<R>(
			{
				describe: (received) => this.describe(received),
				refusal: (request, received) => this.refusal(request, received),
				route: (request) => this.route(request),
			},
			options,
		);
	}

	/** Starts the server on a free port. */
	async listen(): Promise<this> {
		await this.http.listen();
		return this;
	}

	/** What the log holds for a request. */
	protected abstract describe(received: ReceivedRequest): R;
	/** An answer refusing the request (authentication, a malformed request) before anything else, or null. */
	protected abstract refusal(request: R, received: ReceivedRequest): Answer | null;
	protected abstract route(request: R): Answer;

	get baseUrl(): string {
		return this.http.origin;
	}

	/** Every request received, in order. */
	get requests(): R[] {
		return this.http.requests;
	}

	/** How many `method path` requests were received. */
	count(method: string, path: string): number {
		return this.http.count(method, path);
	}

	async close(): Promise<void> {
		await this.http.close();
	}
}
