import {
	BrokerError,
	type BrokerErrorDetails,
	BrokerUnavailableError,
	InvalidOrderError,
	RateLimitedError,
} from '../broker-errors';

export type BrokerErrorClass = new (message: string, details: BrokerErrorDetails) => BrokerError;

/**
 * How one broker's error answers map onto the shared error tree, as data (ccxt's shape: an
 * `exact` table of the broker's own codes and a `broad` table of texts). Decided in this order:
 *
 *   1. codeFirst: codes that decide whatever the status (Binance's -1003 "too many requests")
 *   2. statusFirst: statuses that decide whatever the body says (401 → AuthenticationError)
 *   3. 429 → RateLimitedError, 5xx → BrokerUnavailableError (retryable), unless the above say
 *   4. exact: the broker's code
 *   5. codeTexts: a pattern for the code and one for the message, both matching (a code whose
 *      message tells the reason, Binance's -2010, where the same words under another code do not)
 *   6. broad: the first pattern its message matches (for codes too broad to tell, e.g. Alpaca's
 *      40010001 for every invalid request, duplicates included)
 *   7. status: the rest by status (404 → OrderNotFoundError)
 *   8. otherCode: an answer carrying a code none of the above named (exchanges that refuse every
 *      order with a code of their own, Bybit's 10001), by status or for any status; codes in
 *      `none` say no error (Bybit's and OKX's 0)
 *   9. `otherwise`, where the table names it (a broker that documents its few 4xx statuses);
 *      else any other 4xx → InvalidOrderError (final), anything else → BrokerError (final)
 */
export interface ErrorTable {
	codeFirst?: Readonly<Record<string, BrokerErrorClass>>;
	statusFirst?: Readonly<Record<number, BrokerErrorClass>>;
	exact?: Readonly<Record<string, BrokerErrorClass>>;
	codeTexts?: ReadonlyArray<readonly [code: RegExp, message: RegExp, BrokerErrorClass]>;
	broad?: ReadonlyArray<readonly [RegExp, BrokerErrorClass]>;
	status?: Readonly<Record<number, BrokerErrorClass>>;
	otherCode?: {
		status?: Readonly<Record<number, BrokerErrorClass>>;
		any?: BrokerErrorClass;
		none?: readonly string[];
	};
	otherwise?: BrokerErrorClass;
}

/** What an error body says: the broker's own code and message, either absent when not sent. */
export interface ErrorBody {
	code?: string | number;
	message?: string;
}

export function errorClassFor(table: ErrorTable, httpStatus: number | undefined, body: ErrorBody): BrokerErrorClass {
	const code = body.code === undefined ? undefined : String(body.code);
	const byCodeFirst = code === undefined ? undefined : table.codeFirst?.[code];
	if (byCodeFirst) return byCodeFirst;
	if (httpStatus !== undefined) {
		const first = table.statusFirst?.[httpStatus];
		if (first) return first;
		if (httpStatus === 429) return RateLimitedError;
		if (httpStatus >= 500 && httpStatus <= 599) return BrokerUnavailableError;
	}
	const byCode = code === undefined ? undefined : table.exact?.[code];
	if (byCode) return byCode;
	const message = body.message ?? '';
	if (code !== undefined) {
		for (const [codes, pattern, errorClass] of table.codeTexts ?? []) if (codes.test(code) && pattern.test(message)) return errorClass;
	}
	for (const [pattern, errorClass] of table.broad ?? []) if (pattern.test(message)) return errorClass;
	if (httpStatus === undefined) return BrokerError;
	const byStatus = table.status?.[httpStatus];
	if (byStatus) return byStatus;
	const otherCode = table.otherCode;
	if (otherCode && code !== undefined && !otherCode.none?.includes(code)) {
		const byCodeStatus = otherCode.status?.[httpStatus] ?? otherCode.any;
		if (byCodeStatus) return byCodeStatus;
	}
	if (table.otherwise) return table.otherwise;
	return httpStatus >= 400 && httpStatus <= 499 ? InvalidOrderError : BrokerError;
}
