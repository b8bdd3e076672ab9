import type { BrokerPosition } from '../broker';
import { PayloadError, asFields, asList, decimalField, optionalDecimalField, textField } from '../base/payload';

/*
 * A position as Alpaca answers GET /v2/positions/{symbol} (and, in an array, GET /v2/positions);
 * fields the adapter does not read left out:
 *
 * {
 *   "asset_id": "7d1f2e3a-4b5c-4d6e-8f70-9a1b2c3d4e5f",
 *   "symbol": "AAPL",               (crypto: "BTCUSD", no slash)
 *   "asset_class": "us_equity",
 *   "qty": "-25",                   (a short may also arrive as "25": the side decides)
 *   "side": "short",                ("long" or "short")
 *   "avg_entry_price": "187.42",
 *   "market_value": "-4712.50",
 *   "current_price": "188.50",
 *   "unrealized_pl": "-27.00"       (in the account's currency)
 * }
 *
 * The quantity is signed: side short → negative, whatever the sign of qty; side long → positive
 * (a negative qty on a long position is a contradiction and is refused); no side → qty's own sign.
 */

export function parseAlpacaPosition(body: unknown): BrokerPosition {
	const fields = asFields(body, 'the position');
	const qty = decimalField(fields, 'qty');
	const side = fields.side === undefined || fields.side === null || fields.side === '' ? null : textField(fields, 'side');
	let quantity: number;
	if (side === 'short') quantity = -Math.abs(qty);
	else if (side === 'long') {
		if (qty < 0) throw new PayloadError(`a long position has a negative qty: ${qty}`);
		quantity = qty;
	} else if (side === null) quantity = qty;
	else throw new PayloadError(`side is not long or short: ${side.slice(0, 20)}`);
	return {
		symbol: textField(fields, 'symbol'),
		// -0 would read as a short of nothing
		quantity: quantity === 0 ? 0 : quantity,
		averagePrice: decimalField(fields, 'avg_entry_price'),
		...optionalNumber('marketPrice', optionalDecimalField(fields, 'current_price')),
		...optionalNumber('unrealisedPnl', optionalDecimalField(fields, 'unrealized_pl')),
	};
}

/** A field Alpaca sent, or nothing (so a position without it reads as it always did). */
function optionalNumber<K extends string>(key: K, value: number | null): Partial<Record<K, number>> {
	return value === null ? {} : ({ [key]: value } as Record<K, number>);
}

/**
 * qty_available: the shares (or coins) no open order holds, unsigned; null when Alpaca leaves it
 * out. A position whose shares an open bracket leg holds has less available than its qty.
 */
export function availableQuantity(body: unknown): number | null {
	const available = optionalDecimalField(asFields(body, 'the position'), 'qty_available');
	return available === null ? null : Math.abs(available);
}

export function parseAlpacaPositions(body: unknown): BrokerPosition[] {
	return asList(body, 'the position list').map(parseAlpacaPosition);
}
