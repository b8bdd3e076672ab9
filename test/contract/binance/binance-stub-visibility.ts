import { type Answer, orderDoesNotExist } from './binance-stub-answers';

/*
 * Late read-backs: Binance can take an order and still answer GET /api/v3/order (or
 * /fapi/v1/order) with -2013 "Order does not exist." for a while, and leave it out of openOrders.
 * While a rule is set, every order the stub takes is hidden from those reads until the rule is
 * met: `reads` — the order's first `reads` look-ups answer -2013 (openOrders do not count);
 * `ms` — look-ups within `ms` of the order being taken answer -2013; both — until both are met.
 * The order is in the book all the same: a resend with its newClientOrderId is a duplicate while
 * it is open, and a new order once it is not (Binance's own rule).
 */

export interface VisibilityRule {
	reads?: number;
	ms?: number;
}

interface Hidden {
	readsLeft: number;
	visibleAt: number;
}

export class OrderVisibility {
	private rule: VisibilityRule | null = null;
	private readonly hidden = new Map<string, Hidden>();

	constructor(private readonly now: () => number = Date.now) {}

	set(rule: VisibilityRule | null): void {
		this.rule = rule;
	}

	/** Called for each order the stub stores (market and order id: ids are per market). */
	taken(path: string, orderId: unknown): void {
		if (this.rule === null) return;
		this.hidden.set(keyOf(path, orderId), { readsLeft: this.rule.reads ?? 0, visibleAt: this.now() + (this.rule.ms ?? 0) });
	}

	/** A GET order answer as the client sees it: -2013 while the order is hidden (each such read counted). */
	lookUp(path: string, answer: Answer): Answer {
		const hidden = this.hiddenFor(path, answer.body);
		if (hidden === undefined) return answer;
		const tooSoon = this.now() < hidden.visibleAt;
		if (hidden.readsLeft <= 0 && !tooSoon) return answer;
		hidden.readsLeft--;
		return orderDoesNotExist();
	}

	/** An openOrders answer without the orders still hidden. */
	openOrders(path: string, answer: Answer): Answer {
		if (!Array.isArray(answer.body)) return answer;
		return { ...answer, body: answer.body.filter((order) => !this.stillHidden(this.hiddenFor(path, order))) };
	}

	private stillHidden(hidden: Hidden | undefined): boolean {
		return hidden !== undefined && (hidden.readsLeft > 0 || this.now() < hidden.visibleAt);
	}

	private hiddenFor(path: string, body: unknown): Hidden | undefined {
		if (body === null || typeof body !== 'object') return undefined;
		return this.hidden.get(keyOf(path, (body as { orderId?: unknown }).orderId));
	}
}

function keyOf(path: string, orderId: unknown): string {
	return `${path.startsWith('/fapi') ? 'usdm' : 'spot'}:${String(orderId)}`;
}
