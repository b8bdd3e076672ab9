import { toNumber, toWord } from './coerce';
import { STOP_LOSS_PATHS, TAKE_PROFIT_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';
import type { StopLoss, TakeProfit } from './normalised-alert';
import { isPlainObject, ownValue } from './safe-object';
import { STOP_LOSS_TYPE_WORDS } from './value-words';

// TradersPost's exit objects: takeProfit {limitPrice | percent | amount},
// stopLoss {type?, stopPrice | percent | amount, limitPrice (stop_limit only)}.

const TAKE_PROFIT_KEYS = ['limitPrice', 'percent', 'amount'] as const;
const STOP_LOSS_KEYS = ['type', 'stopPrice', 'limitPrice', 'percent', 'amount'] as const;
const STOP_LOSS_TRIGGERS = ['stopPrice', 'percent', 'amount'] as const;

function isGiven(object: Record<string, unknown>, key: string): boolean {
	const value = ownValue(object, key);
	return value !== undefined && value !== null;
}

function positiveMember(
	object: Record<string, unknown>,
	key: string,
	field: string,
	issues: IssueList,
): number | null {
	if (!isGiven(object, key)) return null;
	const number = toNumber(ownValue(object, key), `${field}.${key}`, 'positive');
	if (number.ok) return number.value;
	issues.add(`${field}.${key}`, number.failure);
	return null;
}

/** A misspelt key inside an exit would silently drop the exit: it is an issue instead. */
function reportUnknownKeys(
	object: Record<string, unknown>,
	field: string,
	known: readonly string[],
	issues: IssueList,
): void {
	for (const key of Object.keys(object)) {
		if (!known.includes(key)) {
			issues.add(
				`${field}.${key}`,
				`${field}.${key} is not a known field; expected ${known.join(', ')}`,
			);
		}
	}
}

/** Exactly one of `keys` must be given: two would leave the broker order ambiguous. */
function requireExactlyOne(
	object: Record<string, unknown>,
	field: string,
	keys: readonly string[],
	issues: IssueList,
): void {
	const given = keys.filter((key) => isGiven(object, key));
	const names = `${keys.slice(0, -1).join(', ')} or ${keys[keys.length - 1]}`;
	if (given.length === 0) issues.add(field, `${field} needs one of ${names}`);
	if (given.length > 1)
		issues.add(field, `${field} must give only one of ${names}, not ${given.join(' and ')}`);
}

/** A plain number is the take-profit limit price. */
export function readTakeProfit(reader: FieldReader, issues: IssueList): TakeProfit | null {
	const found = reader.find(TAKE_PROFIT_PATHS);
	if (!found) return null;
	const { field, value } = found;
	if (typeof value === 'number' || typeof value === 'string') {
		const limitPrice = toNumber(value, field, 'positive');
		if (!limitPrice.ok) issues.add(field, limitPrice.failure);
		return { limitPrice: limitPrice.ok ? limitPrice.value : null, percent: null, amount: null };
	}
	if (!isPlainObject(value)) {
		issues.add(field, `${field} must be a price or an object with limitPrice, percent or amount`);
		return null;
	}
	reportUnknownKeys(value, field, TAKE_PROFIT_KEYS, issues);
	requireExactlyOne(value, field, TAKE_PROFIT_KEYS, issues);
	return {
		limitPrice: positiveMember(value, 'limitPrice', field, issues),
		percent: positiveMember(value, 'percent', field, issues),
		amount: positiveMember(value, 'amount', field, issues),
	};
}

/** A plain number is the stop-loss stop price. */
export function readStopLoss(reader: FieldReader, issues: IssueList): StopLoss | null {
	const found = reader.find(STOP_LOSS_PATHS);
	if (!found) return null;
	const { field, value } = found;
	if (typeof value === 'number' || typeof value === 'string') {
		const stopPrice = toNumber(value, field, 'positive');
		if (!stopPrice.ok) issues.add(field, stopPrice.failure);
		const price = stopPrice.ok ? stopPrice.value : null;
		return { type: null, stopPrice: price, limitPrice: null, percent: null, amount: null };
	}
	if (!isPlainObject(value)) {
		issues.add(field, `${field} must be a price or an object with stopPrice, percent or amount`);
		return null;
	}
	reportUnknownKeys(value, field, STOP_LOSS_KEYS, issues);
	requireExactlyOne(value, field, STOP_LOSS_TRIGGERS, issues);

	let type: StopLoss['type'] = null;
	const typeWord = isGiven(value, 'type')
		? toWord(ownValue(value, 'type'), `${field}.type`, STOP_LOSS_TYPE_WORDS)
		: null;
	if (typeWord && !typeWord.ok) issues.add(`${field}.type`, typeWord.failure);
	if (typeWord?.ok) type = typeWord.value;
	// With an unreadable type, whether limitPrice belongs cannot be judged; that type is the issue.
	if (!typeWord || typeWord.ok) {
		if (type === 'stop_limit' && !isGiven(value, 'limitPrice')) {
			issues.add(`${field}.limitPrice`, `a stop_limit ${field} needs ${field}.limitPrice`);
		}
		if (type !== 'stop_limit' && isGiven(value, 'limitPrice')) {
			issues.add(
				`${field}.limitPrice`,
				`${field}.limitPrice is only used with ${field}.type stop_limit`,
			);
		}
		if (type === 'trailing_stop' && isGiven(value, 'stopPrice')) {
			issues.add(
				`${field}.stopPrice`,
				`a trailing_stop ${field} trails by percent or amount, not stopPrice`,
			);
		}
	}
	return {
		type,
		stopPrice: positiveMember(value, 'stopPrice', field, issues),
		limitPrice: positiveMember(value, 'limitPrice', field, issues),
		percent: positiveMember(value, 'percent', field, issues),
		amount: positiveMember(value, 'amount', field, issues),
	};
}
