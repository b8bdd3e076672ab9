// What Alpaca checks in a POST /v2/orders body, as the stub enforces it. Where the real API would
// quietly accept something this adapter must never send (an unknown field, a number for qty, a
// price the order type does not use), the stub is stricter, so a wrong body fails the tests.

export const STUB_TIME_IN_FORCE = ['day', 'gtc', 'opg', 'cls', 'ioc', 'fok'];
export const STUB_CRYPTO_TIME_IN_FORCE = ['gtc', 'ioc'];
const TYPES = ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop'];
const FIELDS = new Set([
	'symbol',
	'qty',
	'side',
	'type',
	'time_in_force',
	'limit_price',
	'stop_price',
	'client_order_id',
	'order_class',
	'take_profit',
	'stop_loss',
	'extended_hours',
	'trail_price',
	'trail_percent',
]);
const DECIMAL = /^(0|[1-9][0-9]*)(\.[0-9]{1,9})?$/;

export interface StubOrderRequest {
	symbol: string;
	qty: number;
	side: 'buy' | 'sell';
	type: string;
	timeInForce: string;
	limitPrice: number | null;
	stopPrice: number | null;
	clientOrderId: string | null;
	orderClass: 'simple' | 'bracket' | 'oto';
	/** The legs' prices (bracket and oto), null when the leg is not there. */
	takeProfitPrice: number | null;
	stopLossPrice: number | null;
	/** trailing_stop: exactly one of them. */
	trailPrice: number | null;
	trailPercent: number | null;
	crypto: boolean;
}

export type RuleResult = { ok: true; order: StubOrderRequest } | { ok: false; message: string };

/** A positive decimal string as Alpaca's JSON carries it, or null. */
export function positiveDecimal(value: unknown): number | null {
	if (typeof value !== 'string' || !DECIMAL.test(value)) return null;
	const number = Number(value);
	return number > 0 ? number : null;
}

export function checkOrderRequest(body: unknown): RuleResult {
	const fail = (message: string): RuleResult => ({ ok: false, message });
	if (body === null || typeof body !== 'object' || Array.isArray(body)) return fail('request body format is invalid');
	const fields = body as Record<string, unknown>;
	for (const name of Object.keys(fields)) if (!FIELDS.has(name)) return fail(`unexpected field ${name}`);

	const { symbol, side, type } = fields;
	const tif = fields.time_in_force;
	if (typeof symbol !== 'string' || symbol.trim() === '') return fail('symbol is required');
	const crypto = symbol.includes('/');
	const qty = positiveDecimal(fields.qty);
	if (qty === null) return fail('qty must be a positive decimal string');
	if (side !== 'buy' && side !== 'sell') return fail('invalid side');
	if (typeof type !== 'string' || !TYPES.includes(type)) return fail('invalid order type');
	if (typeof tif !== 'string' || !STUB_TIME_IN_FORCE.includes(tif)) return fail('invalid time_in_force');
	if (crypto && !STUB_CRYPTO_TIME_IN_FORCE.includes(tif)) return fail(`invalid crypto time_in_force: ${tif}`);
	if (crypto && type === 'stop') return fail('invalid order type for crypto order');

	const usesLimit = type === 'limit' || type === 'stop_limit';
	const usesStop = type === 'stop' || type === 'stop_limit';
	const limitPrice = fields.limit_price === undefined ? null : positiveDecimal(fields.limit_price);
	const stopPrice = fields.stop_price === undefined ? null : positiveDecimal(fields.stop_price);
	if (usesLimit && limitPrice === null) return fail('limit_price is required and must be a positive decimal string');
	if (!usesLimit && fields.limit_price !== undefined) return fail(`limit_price is not allowed for ${type} orders`);
	if (usesStop && stopPrice === null) return fail('stop_price is required and must be a positive decimal string');
	if (!usesStop && fields.stop_price !== undefined) return fail(`stop_price is not allowed for ${type} orders`);

	const trail = checkTrail(fields, type, tif, crypto);
	if ('error' in trail) return fail(trail.error);
	if (!crypto) {
		for (const [name, value] of [
			['limit_price', limitPrice],
			['stop_price', stopPrice],
			['take_profit.limit_price', isObjectWith(fields.take_profit, 'limit_price') ? positiveDecimal(fields.take_profit.limit_price) : null],
			['stop_loss.stop_price', isObjectWith(fields.stop_loss, 'stop_price') ? positiveDecimal(fields.stop_loss.stop_price) : null],
		] as const) {
			if (value !== null && subPenny(value)) return fail(`invalid ${name} ${value}. sub-penny increment does not fulfill minimum pricing criteria`);
		}
	}

	const clientOrderId = fields.client_order_id;
	if (clientOrderId !== undefined && (typeof clientOrderId !== 'string' || clientOrderId.length > 128)) {
		return fail('client_order_id must be a string of at most 128 characters');
	}

	const legs = checkLegs(fields, tif, crypto);
	if ('error' in legs) return fail(legs.error);
	return {
		ok: true,
		order: {
			symbol,
			qty,
			side,
			type,
			timeInForce: tif,
			limitPrice,
			stopPrice,
			clientOrderId: typeof clientOrderId === 'string' && clientOrderId !== '' ? clientOrderId : null,
			orderClass: legs.orderClass,
			takeProfitPrice: isObjectWith(fields.take_profit, 'limit_price') ? positiveDecimal(fields.take_profit.limit_price) : null,
			stopLossPrice: isObjectWith(fields.stop_loss, 'stop_price') ? positiveDecimal(fields.stop_loss.stop_price) : null,
			trailPrice: trail.trailPrice,
			trailPercent: trail.trailPercent,
			crypto,
		},
	};
}

/** Alpaca's pricing rule for stocks: whole cents at or above $1, 1/100 cent below. */
function subPenny(price: number): boolean {
	const decimals = price >= 1 ? 2 : 4;
	return Math.abs(Math.round(price * 10 ** decimals) - price * 10 ** decimals) > 1e-6;
}

type Trail = { trailPrice: number | null; trailPercent: number | null } | { error: string };

/** trailing_stop: a single order (no order_class), day or gtc, not crypto, trail_price xor trail_percent. */
function checkTrail(fields: Record<string, unknown>, type: string, tif: string, crypto: boolean): Trail {
	const hasPrice = fields.trail_price !== undefined;
	const hasPercent = fields.trail_percent !== undefined;
	if (type !== 'trailing_stop') {
		if (hasPrice || hasPercent) return { error: `trail_price and trail_percent are not allowed for ${type} orders` };
		return { trailPrice: null, trailPercent: null };
	}
	if (crypto) return { error: 'invalid order type for crypto order' };
	if (fields.order_class !== undefined && fields.order_class !== 'simple' && fields.order_class !== '') {
		return { error: 'trailing_stop orders are supported only as simple orders' };
	}
	if (tif !== 'day' && tif !== 'gtc') return { error: `invalid time_in_force ${tif} for trailing_stop orders` };
	if (hasPrice === hasPercent) return { error: 'exactly one of trail_price or trail_percent is required' };
	const trailPrice = hasPrice ? positiveDecimal(fields.trail_price) : null;
	const trailPercent = hasPercent ? positiveDecimal(fields.trail_percent) : null;
	if (hasPrice && trailPrice === null) return { error: 'trail_price must be a positive decimal string' };
	if (hasPercent && trailPercent === null) return { error: 'trail_percent must be a positive decimal string' };
	return { trailPrice, trailPercent };
}

type Legs = { orderClass: StubOrderRequest['orderClass'] } | { error: string };

function checkLegs(fields: Record<string, unknown>, tif: string, crypto: boolean): Legs {
	const orderClass = fields.order_class ?? 'simple';
	const takeProfit = fields.take_profit;
	const stopLoss = fields.stop_loss;
	if (orderClass === 'simple' || orderClass === '') {
		if (takeProfit !== undefined || stopLoss !== undefined) return { error: 'take_profit and stop_loss need order_class bracket or oto' };
		return { orderClass: 'simple' };
	}
	if (orderClass !== 'bracket' && orderClass !== 'oto') return { error: 'invalid order_class' };
	if (crypto) return { error: 'crypto orders not allowed for advanced order_class' };
	if (tif !== 'day' && tif !== 'gtc') return { error: `invalid time_in_force ${tif} for ${orderClass} orders` };
	const takeProfitOk = takeProfit === undefined || (isObjectWith(takeProfit, 'limit_price') && positiveDecimal(takeProfit.limit_price) !== null);
	const stopLossOk = stopLoss === undefined || (isObjectWith(stopLoss, 'stop_price') && positiveDecimal(stopLoss.stop_price) !== null);
	if (!takeProfitOk) return { error: 'take_profit.limit_price must be a positive decimal string' };
	if (!stopLossOk) return { error: 'stop_loss.stop_price must be a positive decimal string' };
	const legs = (takeProfit === undefined ? 0 : 1) + (stopLoss === undefined ? 0 : 1);
	if (orderClass === 'bracket' && legs !== 2) return { error: 'bracket orders require take_profit and stop_loss' };
	if (orderClass === 'oto' && legs !== 1) return { error: 'oto orders require exactly one of take_profit or stop_loss' };
	return { orderClass };
}

function isObjectWith(value: unknown, key: string): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const keys = Object.keys(value);
	return keys.length === 1 && keys[0] === key;
}
