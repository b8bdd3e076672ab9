import type { NewOrder, StubBook } from './tradovate-stub-book';

// How the stub checks a placeOrder / placeOSO body, as Tradovate documents the fields. A body
// that is not well formed is HTTP 400 with a text; a well-formed order Tradovate would refuse is
// HTTP 200 {failureReason, failureText}.

export type Checked = { ok: true; order: NewOrder } | { ok: false; status: 400; text: string } | { ok: false; status: 200; failureReason: string; failureText: string };

const ORDER_TYPES = ['Limit', 'MIT', 'Market', 'QTS', 'Stop', 'StopLimit', 'TrailingStop', 'TrailingStopLimit'];
const TIME_IN_FORCE = ['Day', 'FOK', 'GTC', 'GTD', 'IOC'];

const bad = (text: string): Checked => ({ ok: false, status: 400, text });

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entry (or a plain order): account, symbol, quantity and isAutomated included. */
export function checkEntry(body: unknown, book: StubBook): Checked {
	if (!isRecord(body)) return bad('request body is not a JSON object');
	const account = book.accounts.find((candidate) => candidate.id === body.accountId);
	if (typeof body.accountId !== 'number' || account === undefined) return bad(`accountId ${String(body.accountId)} is not an account of this user`);
	if (body.accountSpec !== account.name) return bad(`accountSpec ${String(body.accountSpec)} does not name account ${account.id}`);
	// Stricter than Tradovate, which cannot tell: every order this package sends is automated.
	if (body.isAutomated !== true) return bad('isAutomated must be true for an order not placed by a person');
	if (typeof body.symbol !== 'string' || body.symbol === '') return bad('symbol is required');
	const contract = book.contractNamed(body.symbol);
	if (contract === undefined) return { ok: false, status: 200, failureReason: 'InvalidContract', failureText: `Unknown contract symbol ${body.symbol}` };
	if (typeof body.orderQty !== 'number' || !Number.isInteger(body.orderQty) || body.orderQty < 1) return bad(`orderQty ${String(body.orderQty)} is not a whole number of contracts`);
	const rest = checkLeg(body, 'order');
	if (!rest.ok) return rest;
	const offTick = offTickPrice(rest.order, book.tickOf(contract));
	if (offTick !== null) return offTick;
	return { ok: true, order: { ...rest.order, accountId: account.id, contract, orderQty: body.orderQty, isAutomated: true } };
}

/** A bracket: action, type and prices; quantity, account and contract come from the entry. */
export function checkBracket(bracket: unknown, entry: NewOrder, name: string, book: StubBook): Checked {
	if (!isRecord(bracket)) return bad(`${name} is not a JSON object`);
	if (bracket.action === entry.action) return bad(`${name} must be on the other side of the entry`);
	const leg = checkLeg(bracket, name);
	if (!leg.ok) return leg;
	const offTick = offTickPrice(leg.order, book.tickOf(entry.contract));
	if (offTick !== null) return offTick;
	return { ok: true, order: { ...leg.order, accountId: entry.accountId, contract: entry.contract, orderQty: entry.orderQty, isAutomated: entry.isAutomated } };
}

/** A price between ticks is refused: the exchange takes multiples of the product's tickSize only. */
function offTickPrice(order: NewOrder, tick: number): Checked | null {
	for (const value of [order.price, order.stopPrice]) {
		if (value === undefined) continue;
		const ticks = value / tick;
		if (Math.abs(ticks - Math.round(ticks)) > 1e-9) {
			return { ok: false, status: 200, failureReason: 'InvalidPrice', failureText: `Price ${value} is not a multiple of the tick size ${tick}` };
		}
	}
	return null;
}

function checkLeg(body: Record<string, unknown>, name: string): Checked {
	if (body.action !== 'Buy' && body.action !== 'Sell') return bad(`${name}.action must be Buy or Sell`);
	if (typeof body.orderType !== 'string' || !ORDER_TYPES.includes(body.orderType)) return bad(`${name}.orderType ${String(body.orderType)} is not an order type`);
	const needsPrice = body.orderType === 'Limit' || body.orderType === 'StopLimit';
	const needsStop = body.orderType === 'Stop' || body.orderType === 'StopLimit';
	if (needsPrice && !(typeof body.price === 'number' && body.price > 0)) return bad(`${name}.price is required for a ${body.orderType} order`);
	if (needsStop && !(typeof body.stopPrice === 'number' && body.stopPrice > 0)) return bad(`${name}.stopPrice is required for a ${body.orderType} order`);
	if (!needsPrice && body.price !== undefined) return bad(`${name}.price is not taken by a ${body.orderType} order`);
	if (!needsStop && body.stopPrice !== undefined) return bad(`${name}.stopPrice is not taken by a ${body.orderType} order`);
	const timeInForce = body.timeInForce ?? 'Day';
	if (typeof timeInForce !== 'string' || !TIME_IN_FORCE.includes(timeInForce)) return bad(`${name}.timeInForce ${String(timeInForce)} is not one Tradovate takes`);
	if (body.clOrdId !== undefined && (typeof body.clOrdId !== 'string' || body.clOrdId === '')) return bad(`${name}.clOrdId must be a text`);
	return {
		ok: true,
		order: {
			accountId: 0,
			contract: { id: 0, name: '', contractMaturityId: 0 },
			orderQty: 0,
			action: body.action,
			orderType: body.orderType,
			...(needsPrice ? { price: body.price as number } : {}),
			...(needsStop ? { stopPrice: body.stopPrice as number } : {}),
			timeInForce,
			...(typeof body.clOrdId === 'string' ? { clOrdId: body.clOrdId } : {}),
			isAutomated: true,
		},
	};
}
