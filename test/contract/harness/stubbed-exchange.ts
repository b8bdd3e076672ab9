import type { Answer, ReceivedRequest } from './stub-http';
import { StubServer } from './stub-server';

/** A request to an exchange stub, as received. */
export type StubRequest = ReceivedRequest;

/** An exchange stub (Bybit, OKX): its authentication check and routes, on a StubServer of its own. */
export abstract class StubbedExchange {
	/** Scripting: failNext, loseNextAnswer. */
	readonly http: StubServer<StubRequest> = new StubServer<StubRequest>({
		describe: (received) => received,
		refusal: (request) => this.authRefusal(request),
		route: (request) => this.route(request),
	});

	/** Starts `stub`'s server on a free port. */
	static async listening<T extends StubbedExchange>(stub: T): Promise<T> {
		await stub.http.listen();
		return stub;
	}

	/** An answer refusing the request's authentication, or null when it passes. */
	abstract authRefusal(request: StubRequest): Answer | null;
	abstract route(request: StubRequest): Answer;

	get baseUrl(): string {
		return this.http.origin;
	}

	get requests(): StubRequest[] {
		return this.http.requests;
	}

	/** "METHOD /path" of every request received, in order. */
	calls(): string[] {
		return this.requests.map((request) => `${request.method} ${request.path}`);
	}

	/** The JSON bodies of the requests to `method path`, in order. */
	bodies(method: string, path: string): Record<string, unknown>[] {
		return this.requests.filter((request) => request.method === method && request.path === path).map((request) => request.json as Record<string, unknown>);
	}

	async close(): Promise<void> {
		await this.http.close();
	}
}
