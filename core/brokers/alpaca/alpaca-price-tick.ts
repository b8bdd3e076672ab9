// Alpaca takes stock prices in whole cents at or above $1 and in hundredths of a cent below
// (sub-penny prices are refused: "sub-penny increment does not fulfill minimum pricing
// criteria"). Exit prices the node works out (a take profit or stop loss given as a percent or
// an amount, a break-even stop at the average entry price) are rounded to that, to the nearest.

export function alpacaPriceDecimals(price: number): number {
	return price >= 1 ? 2 : 4;
}

/** The price rounded to the nearest increment Alpaca accepts for it. */
export function alpacaTickPrice(price: number): number {
	const decimals = alpacaPriceDecimals(price);
	return Number((Math.round(Number(`${price}e${decimals}`)) / 10 ** decimals).toFixed(decimals));
}
