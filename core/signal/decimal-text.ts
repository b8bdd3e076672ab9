const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * `10`, `+3`, `-0.5`, `.25`, `7.`: a plain decimal, no exponent, no separators. Scanned rather
 * than matched: a regular expression with `\d+\.?\d*` backtracks quadratically on a long run of
 * digits that ends in a letter.
 */
export function isPlainDecimal(text: string): boolean {
	let index = text[0] === '+' || text[0] === '-' ? 1 : 0;
	let digits = 0;
	let dots = 0;
	for (; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (isDigit(code)) digits++;
		else if (code === 46 && dots === 0) dots++;
		else return false;
	}
	return digits > 0;
}
