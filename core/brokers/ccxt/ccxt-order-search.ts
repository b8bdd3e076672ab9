import { BrokerError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';
import type { CcxtOrder } from './ccxt-types';

/*
 * Finding an order among an exchange's past orders when it cannot be asked for a client order id:
 * the orders of the last `windowMs` are listed page by page (ccxt's since, limit and the unified
 * `until` param), without knowing whether the exchange lists the oldest or the newest orders of a
 * time range first:
 *
 * - a page shows a run of orders between its first and last timestamp; what lies before the first
 *   and after the last may have been cut off by the page size, so both sides are asked for again,
 *   the edges included (orders can share a millisecond);
 * - a side is done when its answer brings no order not seen before;
 * - an answer with orders after `until` means the exchange ignores `until`: there a side is done
 *   only when the answer was shorter than a page (nothing cut off).
 *
 * null means: no such order in the window. When the window could not be covered within
 * `maxRequests`, or an answer could not be trusted to be complete, a (non-retryable) BrokerError
 * says so rather than null: a caller would take null as "never placed" and order again.
 */

export interface OrderSearch {
	/** The exchange's orders from `since` (ms) up to `until` (ms, inclusive; undefined: up to now), at most `limit`. */
	fetch(since: number, limit: number, until: number | undefined): Promise<CcxtOrder[]>;
	matches(order: CcxtOrder): boolean;
	/** For messages and error details. */
	label: string;
	broker: string;
	what: string;
}

export interface SearchLimits {
	now: number;
	windowMs: number;
	pageSize: number;
	maxRequests: number;
}

/** The last 24 hours, 50 orders a page (every exchange ccxt pages takes 50), at most 20 requests. */
export const RECENT_ORDERS: Omit<SearchLimits, 'now'> = Object.freeze({ windowMs: 24 * 60 * 60 * 1000, pageSize: 50, maxRequests: 20 });

export async function searchRecentOrders(search: OrderSearch, limits: SearchLimits): Promise<CcxtOrder | null> {
	const start = limits.now - limits.windowMs;
	const seen = new Set<string>();
	const pending: [number, number | undefined][] = [[start, undefined]];
	let requests = 0;
	const incomplete = (reason: string): never => {
		throw new BrokerError(
			`${search.label} could not be searched for ${search.what} over the last ${hours(limits.windowMs)}: ${reason}; it may or may not exist, check at the exchange`,
			errorDetails(search.broker),
		);
	};
	while (pending.length > 0) {
		if (requests >= limits.maxRequests) incomplete(`more orders than ${limits.maxRequests} requests of ${limits.pageSize} list`);
		const [since, until] = pending.pop() as [number, number | undefined];
		const page = await search.fetch(since, limits.pageSize, until);
		requests++;
		const found = page.find((order) => search.matches(order));
		if (found !== undefined) return found;
		const inRange = page.filter((order) => typeof order.timestamp === 'number' && order.timestamp >= since && (until === undefined || order.timestamp <= until));
		const fresh = inRange.filter((order) => !seen.has(keyOf(order)));
		for (const order of fresh) seen.add(keyOf(order));
		if (fresh.length === 0) {
			const untilIgnored = until !== undefined && page.some((order) => typeof order.timestamp === 'number' && order.timestamp > until);
			if (untilIgnored && page.length >= limits.pageSize) incomplete('it lists orders without honouring the end of the time range asked for');
			continue;
		}
		const times = inRange.map((order) => order.timestamp as number);
		const first = Math.min(...times);
		const last = Math.max(...times);
		if (first > since) pending.push([since, first]);
		if (until === undefined || last < until) pending.push([last, until]);
	}
	return null;
}

function keyOf(order: CcxtOrder): string {
	return `${String(order.id)}|${String(order.clientOrderId)}|${String(order.timestamp)}`;
}

function hours(ms: number): string {
	return ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${ms} ms`;
}
