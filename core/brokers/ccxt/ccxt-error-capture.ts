import type { CcxtExchange } from './ccxt-types';

/** The HTTP answer behind a ccxt exception: ccxt keeps only a message, the adapter wants the code. */
export interface CapturedAnswer {
	httpStatus: number;
	/** The body as received (text). */
	body: string;
	/** The body parsed as JSON, when it is JSON. */
	json: unknown;
}

const answers = new WeakMap<object, CapturedAnswer>();

/** The answer that made ccxt throw `error`, if it came from an HTTP answer. */
export function capturedAnswer(error: unknown): CapturedAnswer | undefined {
	return typeof error === 'object' && error !== null ? answers.get(error) : undefined;
}

/**
 * Wraps the two hooks through which ccxt turns an HTTP answer into an exception
 * (Exchange.handleRestResponse calls handleErrors, then handleHttpStatusCode), so that every
 * exception they throw is remembered with the status and the body it came from. ccxt's own
 * decision (which class to throw) is untouched; only the adapter reads the remembered answer.
 */
export function captureAnswers(exchange: CcxtExchange): void {
	const handleErrors = exchange.handleErrors;
	const handleHttpStatusCode = exchange.handleHttpStatusCode;
	exchange.handleErrors = function (this: CcxtExchange, ...args: unknown[]): unknown {
		// (statusCode, reason, url, method, responseHeaders, responseBody, parsedBody, requestHeaders, requestBody)
		return remembering(() => handleErrors.apply(this, args), args[0], args[5], args[6]);
	};
	exchange.handleHttpStatusCode = function (this: CcxtExchange, ...args: unknown[]): unknown {
		// (statusCode, reason, url, method, responseBody)
		return remembering(() => handleHttpStatusCode.apply(this, args), args[0], args[4], undefined);
	};
}

function remembering(call: () => unknown, status: unknown, body: unknown, parsed: unknown): unknown {
	try {
		return call();
	} catch (error) {
		if (typeof error === 'object' && error !== null && typeof status === 'number') {
			const text = typeof body === 'string' ? body : '';
			answers.set(error, { httpStatus: status, body: text, json: parsed ?? parseJson(text) });
		}
		throw error;
	}
}

function parseJson(text: string): unknown {
	try {
		return text === '' ? undefined : JSON.parse(text);
	} catch {
		return undefined;
	}
}
