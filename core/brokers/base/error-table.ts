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
 *   1. statusFirst: statuses that decide whatever the body says (401 → AuthenticationError)
 *   2. 429 → RateLimitedError, 5xx → BrokerUnavailableError (retryable), unless statusFirst says
 *   3. exact: the broker's code
 *   4. broad: the first pattern its message matches (for codes too broad to tell, e.g. Alpaca's
 *      40010001 for every invalid request, duplicates included)
 *   5. status: the rest by status (404 → OrderNotFoundError)
 *   6. `otherwise`, where the table names it (a broker that documents its few 4xx statuses);
 *      else any other 4xx → InvalidOrderError (final), anything else → BrokerError (final)
 */
export interface ErrorTable {
	statusFirst?: Readonly<Record<number, BrokerErrorClass>>;
	exact?: Readonly<Record<string, BrokerErrorClass>>;
	broad?: ReadonlyArray<readonly [RegExp, BrokerErrorClass]>;
	status?: Readonly<Record<number, BrokerErrorClass>>;
	otherwise?: BrokerErrorClass;
}

/** What an error body says: the broker's own code and message, either absent when not sent. */
export interface ErrorBody {
	code?: string | number;
	message?: string;
}

export function errorClassFor(table: ErrorTable, httpStatus: number | undefined, body: ErrorBody): BrokerErrorClass {
	if (httpStatus !== undefined) {
		const first = table.statusFirst?.[httpStatus];
		if (first) return first;
		if (httpStatus === 429) return RateLimitedError;
		if (httpStatus >= 500 && httpStatus <= 599) return BrokerUnavailableError;
	}
	const byCode = body.code === undefined ? undefined : table.exact?.[String(body.code)];
	if (byCode) return byCode;
	const message = body.message ?? '';
	for (const [pattern, errorClass] of table.broad ?? []) if (pattern.test(message)) return errorClass;
	if (httpStatus === undefined) return BrokerError;
	const byStatus = table.status?.[httpStatus];
	if (byStatus) return byStatus;
	if (table.otherwise) return table.otherwise;
	return httpStatus >= 400 && httpStatus <= 499 ? InvalidOrderError : BrokerError;
}
