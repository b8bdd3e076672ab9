import { HttpStub } from './http-stub';
import type { Answer, ReceivedRequest } from './stub-http';

/** A request to an exchange stub, as received. */
export type StubRequest = ReceivedRequest;

/** An exchange stub (Bybit, OKX): its authentication check and its routes. Scripting: `http`. */
export abstract class StubbedExchange extends HttpStub<StubRequest> {
	protected constructor() {
		super();
	}

	/** An answer refusing the request's authentication, or null when it passes. */
	abstract authRefusal(request: StubRequest): Answer | null;
	abstract override route(request: StubRequest): Answer;

	/** "METHOD /path" of every request received, in order. */
	calls(): string[] {
		return this.requests.map((request) => `${request.method} ${request.path}`);
	}

	/** The JSON bodies of the requests to `method path`, in order. */
	bodies(method: string, path: string): Record<string, unknown>[] {
		return this.requests.filter((request) => request.method === method && request.path === path).map((request) => request.json as Record<string, unknown>);
	}

	protected describe(received: ReceivedRequest): StubRequest {
		return received;
	}

	protected refusal(request: StubRequest): Answer | null {
		return this.authRefusal(request);
	}
}
