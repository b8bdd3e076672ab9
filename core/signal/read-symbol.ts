import { quote, toText } from './coerce';
import { EXCHANGE_PATHS, SYMBOL_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';
import { symbolCharacterProblem } from './symbol-characters';

export interface SymbolAndExchange {
	symbol: string | null;
	exchange: string | null;
}

const WHITESPACE = /\s/;

/**
 * An exchange prefix (`BINANCE:BTCUSDT`) is split off at the first colon; both are uppercased.
 * Characters beyond printable ASCII are refused unless `allowNonAscii`; invisible ones always.
 */
export function readSymbol(reader: FieldReader, issues: IssueList, allowNonAscii = false): SymbolAndExchange {
	const result: SymbolAndExchange = { symbol: null, exchange: null };
	let prefix: string | null = null;
	const found = reader.find(SYMBOL_PATHS);
	if (!found) {
		issues.add('symbol', 'symbol is required, e.g. "AAPL" or "BINANCE:BTCUSDT"');
	} else {
		const text = toText(found.value, found.field);
		const characters = text.ok ? symbolCharacterProblem(text.value, found.field, allowNonAscii) : null;
		if (!text.ok) {
			issues.add(found.field, text.failure);
		} else if (characters !== null) {
			issues.add(found.field, characters);
		} else {
			const upper = text.value.toUpperCase();
			const colon = upper.indexOf(':');
			const symbol = (colon === -1 ? upper : upper.slice(colon + 1)).trim();
			prefix = colon === -1 ? null : upper.slice(0, colon).trim();
			if (symbol === '' || prefix === '') {
				issues.add(
					found.field,
					`${found.field} ${quote(text.value)} is not a symbol; expected e.g. "AAPL" or "BINANCE:BTCUSDT"`,
				);
			} else if (WHITESPACE.test(symbol) || (prefix !== null && WHITESPACE.test(prefix))) {
				issues.add(found.field, `${found.field} ${quote(text.value)} must not contain spaces`);
			} else {
				result.symbol = symbol;
			}
		}
	}

	const exchangeField = reader.find(EXCHANGE_PATHS);
	let exchange: string | null = null;
	if (exchangeField) {
		const text = toText(exchangeField.value, exchangeField.field);
		const characters = text.ok ? symbolCharacterProblem(text.value, exchangeField.field, allowNonAscii) : null;
		if (!text.ok) issues.add(exchangeField.field, text.failure);
		else if (characters !== null) issues.add(exchangeField.field, characters);
		else if (WHITESPACE.test(text.value))
			issues.add(exchangeField.field, `${exchangeField.field} must not contain spaces`);
		else exchange = text.value.toUpperCase();
	}
	if (prefix && exchange !== null && exchange !== prefix) {
		issues.add(
			exchangeField?.field ?? 'exchange',
			`exchange ${quote(exchange)} contradicts the symbol's prefix ${quote(prefix)}`,
		);
	}
	result.exchange = prefix || exchange;
	return result;
}
