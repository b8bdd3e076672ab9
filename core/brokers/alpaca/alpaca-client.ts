import type { HttpMethod, HttpPort, HttpResponse } from '../http-port';
import { type AlpacaConfig, alpacaBaseUrl, assertAlpacaConfig } from './alpaca-config';
import { alpacaErrorFor, alpacaNetworkError, alpacaUnreadableAnswer } from './alpaca-errors';
import { AlpacaPayloadError } from './alpaca-fields';
import { ALPACA_TIMEOUT_MS } from './alpaca-metadata';
import { type Redactor, redactorFor } from './alpaca-redact';

export interface AlpacaCall {
	query?: Record<string, string | number | boolean>;
	body?: unknown;
}

/**
 * Sends one request to Alpaca with the credential's headers. `send` answers every status and
 * throws only NetworkError (no answer); `read` turns an answer into a value or a BrokerError.
 */
export class AlpacaClient {
	readonly redact: Redactor;
	private readonly baseUrl: string;
	private readonly headers: Readonly<Record<string, string>>;

	constructor(
		private readonly http: HttpPort,
		config: AlpacaConfig,
	) {
		assertAlpacaConfig(config);
		this.baseUrl = alpacaBaseUrl(config);
		this.headers = Object.freeze({
			'APCA-API-KEY-ID': config.keyId,
			'APCA-API-SECRET-KEY': config.secretKey,
			accept: 'application/json',
		});
		this.redact = redactorFor([config.keyId, config.secretKey]);
	}

	async send(method: HttpMethod, path: string, call: AlpacaCall = {}): Promise<HttpResponse> {
		try {
			return await this.http.send({
				method,
				url: `${this.baseUrl}${path}`,
				headers: { ...this.headers },
				...(call.query === undefined ? {} : { query: call.query }),
				...(call.body === undefined ? {} : { body: call.body }),
				timeoutMs: ALPACA_TIMEOUT_MS,
			});
		} catch (error) {
			throw alpacaNetworkError(method, path, error, this.redact);
		}
	}

	/** A 2xx answer parsed (an unreadable one is a BrokerUnavailableError); anything else mapped. */
	read<T>(response: HttpResponse, what: string, parse: (body: unknown) => T): T {
		if (response.status < 200 || response.status > 299) throw alpacaErrorFor(response, this.redact);
		try {
			return parse(response.body);
		} catch (error) {
			if (error instanceof AlpacaPayloadError) throw alpacaUnreadableAnswer(response.status, what, error.message, this.redact);
			throw error;
		}
	}

	/** A 2xx answer whose body does not matter (DELETE answers 204 with none). */
	expectSuccess(response: HttpResponse): void {
		if (response.status < 200 || response.status > 299) throw alpacaErrorFor(response, this.redact);
	}
}
