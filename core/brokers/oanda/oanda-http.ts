import type { HttpMethod, HttpPort, HttpResponse } from '../http-port';
import type { ResolvedOandaConfig } from './oanda-config';
import { isRecord, oandaErrorFrom, oandaNetworkError, oandaUnexpectedAnswer, type Redact } from './oanda-errors';
import { OANDA_REQUEST_TIMEOUT_MS } from './oanda-metadata';

// The one way the adapter talks to OANDA: account-scoped paths, the Bearer token, JSON, and
// every failure mapped (with the token redacted) before it leaves this file.

export interface OandaCall {
	method: HttpMethod;
	/** Below /v3/accounts/{accountId}, e.g. '/orders' or '/orders/@tv-1/cancel'. */
	path: string;
	query?: Record<string, string>;
	body?: unknown;
}

export interface OandaAnswer {
	status: number;
	body: Record<string, unknown>;
	/** 'GET /orders/@tv-1': for messages. */
	what: string;
}

export class OandaHttp {
	readonly redact: Redact;

	constructor(
		private readonly http: HttpPort,
		private readonly config: ResolvedOandaConfig,
	) {
		const token = config.accessToken;
		this.redact = (text) => text.split(token).join('[redacted]');
	}

	/** Any HTTP answer, its body as an object ({} when it is not JSON); throws NetworkError only. */
	async send(call: OandaCall): Promise<OandaAnswer> {
		const what = `${call.method} ${call.path}`;
		let response: HttpResponse;
		try {
			response = await this.http.send({
				method: call.method,
				url: `${this.config.baseUrl}/v3/accounts/${encodeURIComponent(this.config.accountId)}${call.path}`,
				headers: {
					Authorization: `Bearer ${this.config.accessToken}`,
					Accept: 'application/json',
					'Accept-Datetime-Format': 'RFC3339',
				},
				...(call.query ? { query: call.query } : {}),
				...(call.body !== undefined ? { body: call.body } : {}),
				timeoutMs: OANDA_REQUEST_TIMEOUT_MS,
			});
		} catch (error) {
			throw oandaNetworkError(error, what, this.redact);
		}
		return { status: response.status, body: isRecord(response.body) ? response.body : {}, what };
	}

	/** The body of a 2xx answer; any other answer becomes its mapped error. */
	async expect(call: OandaCall, success: (status: number) => boolean = isSuccess): Promise<OandaAnswer> {
		const answer = await this.send(call);
		if (!success(answer.status)) throw this.failure(answer);
		return answer;
	}

	failure(answer: OandaAnswer): Error {
		return oandaErrorFrom({ status: answer.status, headers: {}, body: answer.body }, answer.what, this.redact);
	}

	unexpected(answer: OandaAnswer, problem: string): Error {
		return oandaUnexpectedAnswer(answer.what, problem, answer.status);
	}
}

const isSuccess = (status: number) => status >= 200 && status < 300;

/** A path segment; '@' (OANDA's client-id prefix) is a legal path character and stays as it is. */
export function pathSegment(value: string): string {
	return encodeURIComponent(value).replace(/%40/g, '@');
}
