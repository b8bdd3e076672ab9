import type { OrderIntent } from '../broker';
import { InvalidOrderError } from '../broker-errors';
import { decimalBelow, decimalText, productBelow, productText, withoutFloatNoise } from './ccxt-decimal';
import { errorDetails } from './ccxt-errors';
import type { CcxtExchange, CcxtMarket } from './ccxt-types';
import type { CcxtVenue, OrderAmounts } from './ccxt-venue';

/*
 * The quantity and prices as the exchange takes them, or a refusal before anything is sent.
 *
 * Rounding is ccxt's, on the market it loaded (Binance: precision.amount is LOT_SIZE stepSize,
 * precision.price is PRICE_FILTER tickSize, both in ccxt's TICK_SIZE mode):
 * - amountToPrecision TRUNCATEs: the quantity is rounded DOWN to a multiple of the step
 *   (0.123456789 at step 0.00001 → 0.12345), never up, so no order is larger than asked;
 * - priceToPrecision ROUNDs to the nearest tick (42000.126 at 0.01 → 42000.13).
 * ccxt computes both on decimal strings (Precise), so a multiple of the step stays exact. Float
 * noise is dropped first (15 significant digits): 0.7 × 3 = 2.0999999999999996 is 2.1 before
 * it is rounded down, not 2.0.
 *
 * Refused with InvalidOrderError, naming the rule: a quantity that rounds down to 0, a quantity
 * below the market's minimum (LOT_SIZE minQty), a price that rounds to 0, and an order whose
 * notional (quantity × price) is below the venue's minimum (Binance NOTIONAL / MIN_NOTIONAL).
 * The notional uses the limit price (limit, stop_limit), the stop price (stop), or for a market
 * order the intent's reference price (the alert's price); a market order without one is left
 * to the exchange, which refuses it (-1013 Filter failure: NOTIONAL) without placing it.
 */

export function orderAmounts(exchange: CcxtExchange, market: CcxtMarket, intent: OrderIntent, venue: CcxtVenue): OrderAmounts {
	const symbol = venue.symbolOf(market);
	const refuse = (message: string): never => {
		throw new InvalidOrderError(message, errorDetails(venue.description.id));
	};
	const names = venue.ruleNames;
	const step = stepText(market.precision.amount);

	// a venue that counts in contracts (OKX: 1 BTC-USDT-SWAP = 0.01 BTC) is sent the intent's base units as contracts
	const size = venue.contractSize?.(market) ?? 1;
	const quantity = rounded(() => exchange.amountToPrecision(market.symbol, withoutFloatNoise(intent.quantity / size)));
	if (quantity === null) {
		const unit = size === 1 ? '' : ` (${decimalText(intent.quantity / size)} contracts of ${decimalText(size)} ${market.base})`;
		refuse(`quantity ${decimalText(intent.quantity)}${unit} rounds down to 0 at the ${venue.description.label} ${names.quantityStep} ${step} for ${symbol}`);
	}
	const minimum = market.limits.amount?.min;
	if (typeof minimum === 'number' && minimum > 0 && decimalBelow(quantity as string, decimalText(minimum))) {
		refuse(`quantity ${quantity} is below the ${venue.description.label} ${names.minimumQuantity} of ${decimalText(minimum)} for ${symbol}`);
	}
	const price = (value: number | null, what: string): string | null => {
		if (value === null) return null;
		const text = rounded(() => exchange.priceToPrecision(market.symbol, withoutFloatNoise(value)));
		if (text === null) refuse(`the ${what} ${decimalText(value)} rounds to 0 at the ${venue.description.label} ${names.priceTick} ${stepText(market.precision.price)} for ${symbol}`);
		return text;
	};
	const amounts: OrderAmounts = {
		quantity: quantity as string,
		limitPrice: intent.type === 'limit' || intent.type === 'stop_limit' ? price(intent.limitPrice, 'limit price') : null,
		stopPrice: intent.type === 'stop' || intent.type === 'stop_limit' ? price(intent.stopPrice, 'stop price') : null,
	};
	checkNotional(amounts, market, intent, venue, exchange, refuse);
	return amounts;
}

function checkNotional(
	amounts: OrderAmounts,
	market: CcxtMarket,
	intent: OrderIntent,
	venue: CcxtVenue,
	exchange: CcxtExchange,
	refuse: (message: string) => never,
): void {
	const rule = venue.notionalRule(market, intent);
	if (rule === null) return;
	const reference =
		amounts.limitPrice ??
		amounts.stopPrice ??
		(typeof intent.referencePrice === 'number' && Number.isFinite(intent.referencePrice) && intent.referencePrice > 0
			? rounded(() => exchange.priceToPrecision(market.symbol, withoutFloatNoise(intent.referencePrice as number)))
			: null);
	if (reference === null) return;
	if (productBelow(amounts.quantity, reference, rule.minimum)) {
		const currency = market.quote;
		refuse(
			`the order's notional ${amounts.quantity} × ${reference} = ${productText(amounts.quantity, reference)} ${currency} is below the ${venue.description.label} ${rule.name} minimum of ${rule.minimum} ${currency} for ${venue.symbolOf(market)}`,
		);
	}
}

/** ccxt's rounded text, or null when it rounds to 0 (ccxt throws InvalidOrder "… must be greater than minimum … precision"). */
export function rounded(round: () => string): string | null {
	let text: string;
	try {
		text = round();
	} catch (error) {
		if (error instanceof Error && /must be greater than minimum/.test(error.message)) return null;
		throw error;
	}
	const value = Number(text);
	return Number.isFinite(value) && value > 0 ? text : null;
}

function stepText(step: number | null | undefined): string {
	return typeof step === 'number' ? decimalText(step) : 'precision';
}
