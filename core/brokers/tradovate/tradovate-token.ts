import { AuthenticationError, RateLimitedError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import { asFields, textField, type Fields } from '../base/payload';
import { REDACTED, type Redactor, redactorFor } from '../base/redact';
import { RestClient } from '../base/rest-client';
import type { HttpPort } from '../http-port';
import type { TradovateConfig } from './tradovate-config';
import { TOKEN_RENEW_MARGIN_MS, TRADOVATE, TRADOVATE_TIMEOUT_MS } from './tradovate-description';
import { refusalIn, TRADOVATE_ERRORS } from './tradovate-errors';

/*
 * The access token: requested with the credential (POST /auth/accesstokenrequest), renewed while
 * it still works (GET /auth/renewaccesstoken, which keeps the session instead of opening a new
 * one), requested again once it has expired or Tradovate refused it (401).
 *
 * Every token request opens a Tradovate session and Tradovate limits how many a user may open,
 * so one keeper serves every broker of the same credential in the process, and concurrent calls
 * wait for the one request in flight instead of each asking.
 *
 *   200 {"accessToken":"…","expirationTime":"2026-12-03T15:30:00Z","userId":7,"name":"…"}
 *   200 {"errorText":"Incorrect username or password…"}             → AuthenticationError
 *   200 {"p-ticket":"…","p-time":15,"p-captcha":false}              → RateLimitedError
 */

/** How many of the latest tokens are removed from messages. */
const REDACTED_TOKENS = 8;

interface Token {
	value: string;
	expiresAt: number;
}

export class TradovateTokenKeeper {
	private token: Token | null = null;
	private pending: Promise<string> | null = null;
	/** Every token this keeper was given, so none appears in a message even after it was replaced. */
	private readonly issued = new Set<string>();
	private readonly redactSecrets: Redactor;

	constructor(
		private readonly config: TradovateConfig,
		private readonly baseUrl: string,
		private readonly now: () => number = Date.now,
	) {
		this.redactSecrets = redactorFor([config.password, config.secret, config.username]);
	}

	/** The credential's secrets and every token removed from a text. */
	readonly redact: Redactor = (text) => [...this.issued].reduce((result, token) => result.split(token).join(REDACTED), this.redactSecrets(text));

	/** A token good for at least the renewal margin, asking Tradovate at most once at a time. */
	async accessToken(http: HttpPort): Promise<string> {
		const token = this.token;
		if (token !== null && token.expiresAt - this.now() > TOKEN_RENEW_MARGIN_MS) return token.value;
		this.pending ??= this.refresh(http, token).finally(() => {
			this.pending = null;
		});
		return await this.pending;
	}

	/** Tradovate refused this token (401): the next call asks for a new one. */
	invalidate(value: string): void {
		if (this.token?.value === value) this.token = null;
	}

	private async refresh(http: HttpPort, current: Token | null): Promise<string> {
		if (current !== null && current.expiresAt > this.now()) {
			const renewed = await this.renew(http, current.value).catch((error: unknown) => {
				// A renewal Tradovate refused: the session is gone, so a new token is requested.
				if (error instanceof AuthenticationError) return null;
				// No answer to the renewal: the current token still works until it expires.
				if (current.expiresAt > this.now()) return current;
				throw error;
			});
			if (renewed !== null) return this.keep(renewed);
		}
		return this.keep(await this.request(http));
	}

	private keep(token: Token): string {
		this.issued.add(token.value);
		// Tokens replaced long ago cannot appear in a new message; a long-running n8n keeps the last few.
		if (this.issued.size > REDACTED_TOKENS) this.issued.delete(this.issued.values().next().value as string);
		this.token = token;
		return token.value;
	}

	private async request(http: HttpPort): Promise<Token> {
		const body = {
			name: this.config.username,
			password: this.config.password,
			appId: this.config.appId,
			appVersion: this.config.appVersion,
			cid: this.config.cid,
			sec: this.config.secret,
		};
		const client = this.client(http, {});
		return await client.request('POST', '/auth/accesstokenrequest', (answer) => this.tokenFrom(answer, client), { body });
	}

	private async renew(http: HttpPort, value: string): Promise<Token> {
		const client = this.client(http, { Authorization: `Bearer ${value}` });
		return await client.request('GET', '/auth/renewaccesstoken', (answer) => this.tokenFrom(answer, client));
	}

	private tokenFrom(answer: unknown, client: RestClient): Token {
		const fields: Fields = asFields(answer, 'the token answer');
		if (fields['p-ticket'] !== undefined) {
			const wait = typeof fields['p-time'] === 'number' ? ` for ${fields['p-time']} s` : '';
			throw new RateLimitedError(`Tradovate asks to wait${wait} before signing in again (too many token requests)`, errorDetails(TRADOVATE.id, { httpStatus: 200 }));
		}
		const refusal = refusalIn(fields);
		if (refusal !== null) {
			throw new AuthenticationError(client.redact(`Tradovate refused the sign-in: ${refusal.message ?? 'no reason given'}`), errorDetails(TRADOVATE.id, { httpStatus: 200 }));
		}
		const value = textField(fields, 'accessToken');
		const expiresAt = Date.parse(textField(fields, 'expirationTime'));
		if (!Number.isFinite(expiresAt)) throw new AuthenticationError('Tradovate answered a token without a readable expirationTime', errorDetails(TRADOVATE.id, { httpStatus: 200 }));
		return { value, expiresAt };
	}

	private client(http: HttpPort, headers: Record<string, string>): RestClient {
		return new RestClient(http, {
			errors: TRADOVATE_ERRORS,
			baseUrl: this.baseUrl,
			timeoutMs: TRADOVATE_TIMEOUT_MS,
			redact: this.redact,
			authorize: () => headers,
		});
	}
}
