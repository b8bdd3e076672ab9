import type { OrderStatus } from '../broker';

/*
 * Alpaca's order statuses → ours.
 *
 *   pending_new, accepted, accepted_for_bidding, held, suspended → new
 *       (received but not working at the market yet; held = a bracket leg waiting for its entry)
 *   new, pending_replace, pending_cancel, done_for_day, stopped   → open
 *       (working, or still alive: a pending cancel may yet fill, done_for_day resumes next session)
 *   partially_filled                                              → partially_filled
 *   filled, calculated                                            → filled when all is filled
 *   canceled, replaced                                            → canceled (replaced: this order
 *       no longer works; the order that replaced it carries on)
 *   expired                                                       → expired
 *   rejected                                                      → rejected
 *
 * A live order (new or open) with some quantity filled is partially_filled; a filled or
 * calculated order whose filled quantity is short of its quantity is partially_filled too.
 * A status Alpaca adds later is taken as new: alive, progress unknown.
 */

const STATUS_MAP: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
	['pending_new', 'new'],
	['accepted', 'new'],
	['accepted_for_bidding', 'new'],
	['held', 'new'],
	['suspended', 'new'],
	['new', 'open'],
	['pending_replace', 'open'],
	['pending_cancel', 'open'],
	['done_for_day', 'open'],
	['stopped', 'open'],
	['partially_filled', 'partially_filled'],
	['filled', 'filled'],
	['calculated', 'filled'],
	['canceled', 'canceled'],
	['replaced', 'canceled'],
	['expired', 'expired'],
	['rejected', 'rejected'],
]);

export function orderStatusOf(alpacaStatus: string, quantity: number, filledQuantity: number): OrderStatus {
	const status = STATUS_MAP.get(alpacaStatus.trim().toLowerCase()) ?? 'new';
	if ((status === 'new' || status === 'open') && filledQuantity > 0) return 'partially_filled';
	if (status === 'filled' && quantity > 0 && filledQuantity < quantity) return 'partially_filled';
	return status;
}
