import { BrokerError } from '../broker-errors';
import type { HttpMethod, HttpPort, HttpResponse } from '../http-port';
import { type BrokerErrorSpec, errorFromAnswer, isOwnNotFound, networkError, unreadableAnswer } from './broker-answers';
import { PayloadError } from './payload';
import type { Redactor } from './redact';

export interface RestCall {
	query?: Record<string, string | number | boolean>;
	body?: unknown;
}

/** An answer, with the request it answers ('GET /v2/account') for messages. */
export interface RestAnswer extends HttpResponse {
	what: string;
}

/** A request as the auth hook sees it, before it is sent. */
export interface OutgoingRequest extends RestCall {
	method: HttpMethod;
	path: string;
}

export interface RestClientSettings {
	errors: BrokerErrorSpec;
	baseUrl: string;
	timeoutMs: number;
	redact: Redactor;
	/**
	 * The headers a request carries: the credential's keys, a bearer token the hook renews, or a
	 * signature over the request. Asked once per request, so a renewed token is used at once.
	 */
	authorize(request: OutgoingRequest): Record<string, string> | Promise<Record<string, string>>;
}

/**
 * The one way an adapter talks to a REST broker over HttpPort. `send` answers every status and
 * throws only NetworkError (no answer, redacted); `read` turns an answer into a value or the
 * BrokerError the broker's error table names; a body the parser cannot read is a retryable
 * BrokerUnavailableError.
 */
export class RestClient {
	readonly redact: Redactor;

	constructor(
		private readonly http: HttpPort,
		private readonly settings: RestClientSettings,
	) {
		this.redact = settings.redact;
	}

	async send(method: HttpMethod, path: string, call: RestCall = {}): Promise<RestAnswer> {
		const what = `${method} ${path}`;
		let response: HttpResponse;
		try {
			const headers = await this.settings.authorize({ method, path, ...call });
			response = await this.http.send({
				method,
				url: `${this.settings.baseUrl}${path}`,
				headers: { accept: 'application/json', ...headers },
				...(call.query === undefined ? {} : { query: call.query }),
				...(call.body === undefined ? {} : { body: call.body }),
				timeoutMs: this.settings.timeoutMs,
			});
		} catch (error) {
			// An auth hook that failed with a broker's answer (a refused token request) passes as it is.
			if (error instanceof BrokerError) throw error;
			throw networkError(this.settings.errors, what, error, this.redact);
		}
		return { ...response, what };
	}

	/** A 2xx answer parsed; anything else mapped through the broker's error table. */
	read<T>(response: HttpResponse, what: string, parse: (body: unknown) => T): T {
		this.expectSuccess(response, what);
		try {
			return parse(response.body);
		} catch (error) {
			if (error instanceof PayloadError) throw unreadableAnswer(this.settings.errors, response.status, what, error.message, this.redact);
			throw error;
		}
	}

	/** A 2xx answer whose body does not matter (a DELETE answered 204). */
	expectSuccess(response: HttpResponse, what: string): void {
		if (response.status < 200 || response.status > 299) throw this.failure(response, what);
	}

	failure(response: Pick<HttpResponse, 'status' | 'body'>, what: string): BrokerError {
		return errorFromAnswer(this.settings.errors, response, what, this.redact);
	}

	/** A 404 that is the broker's own "not found", not a proxy's page or a wrong address. */
	isNotFound(response: Pick<HttpResponse, 'status' | 'body'>): boolean {
		return isOwnNotFound(this.settings.errors, response);
	}

	async request<T>(method: HttpMethod, path: string, parse: (body: unknown) => T, call: RestCall = {}): Promise<T> {
		return this.read(await this.send(method, path, call), `${method} ${path}`, parse);
	}
}
