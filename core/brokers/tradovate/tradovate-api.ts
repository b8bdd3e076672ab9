import type { HttpMethod, HttpPort, HttpResponse } from '../http-port';
import type { BrokerUnavailableError } from '../broker-errors';
import { unreadableAnswer } from '../base/broker-answers';
import { RestClient, type RestCall } from '../base/rest-client';
import type { Redactor } from '../base/redact';
import { TRADOVATE_TIMEOUT_MS } from './tradovate-description';
import { refusalIn, TRADOVATE_ERRORS } from './tradovate-errors';
import type { TradovateTokenKeeper } from './tradovate-token';

/**
 * Requests with the Bearer token. A 401 means the token no longer works (expired early, or the
 * session was closed elsewhere): nothing was carried out, so the request is sent once more with a
 * new token. Order commands (placeOrder, placeOSO, cancelOrder) answer a refusal with HTTP 200
 * and a failureReason; `command` turns that into the error the table names.
 */
export class TradovateApi {
	readonly redact: Redactor;

	constructor(
		private readonly http: HttpPort,
		private readonly tokens: TradovateTokenKeeper,
		private readonly baseUrl: string,
	) {
		this.redact = tokens.redact;
	}

	async send(method: HttpMethod, path: string, call: RestCall = {}): Promise<HttpResponse> {
		const token = await this.tokens.accessToken(this.http);
		const response = await this.client(token).send(method, path, call);
		if (response.status !== 401) return response;
		this.tokens.invalidate(token);
		return await this.client(await this.tokens.accessToken(this.http)).send(method, path, call);
	}

	async read<T>(method: HttpMethod, path: string, parse: (body: unknown) => T, call: RestCall = {}): Promise<T> {
		return this.client('').read(await this.send(method, path, call), `${method} ${path}`, parse);
	}

	/** A POST whose 200 answer may still be a refusal ({failureReason, failureText}). */
	async command<T>(path: string, body: unknown, parse: (body: unknown) => T): Promise<T> {
		const response = await this.send('POST', path, { body });
		const client = this.client('');
		client.expectSuccess(response, `POST ${path}`);
		if (refusalIn(response.body) !== null) throw client.failure(response, `POST ${path}`);
		return client.read(response, `POST ${path}`, parse);
	}

	/** An answer that read, but does not hold what Tradovate documents: retryable, read back first. */
	unreadable(problem: string): BrokerUnavailableError {
		return unreadableAnswer(TRADOVATE_ERRORS, 200, 'a read', problem, this.redact);
	}

	private client(token: string): RestClient {
		return new RestClient(this.http, {
			errors: TRADOVATE_ERRORS,
			baseUrl: this.baseUrl,
			timeoutMs: TRADOVATE_TIMEOUT_MS,
			redact: this.redact,
			authorize: () => ({ Authorization: `Bearer ${token}` }),
		});
	}
}
