import { ORDER_TYPE_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';
import type { AlertSignal } from './normalised-alert';
import { type ReadField, readWord } from './read-field';
import { ORDER_TYPE_WORDS } from './value-words';

type OrderType = AlertSignal['orderType'];

const NEEDS_LIMIT_PRICE = new Set<OrderType>(['limit', 'stop_limit']);
const NEEDS_STOP_PRICE = new Set<OrderType>(['stop', 'stop_limit']);

function impliedOrderType(hasLimitPrice: boolean, hasStopPrice: boolean): OrderType {
	if (hasLimitPrice && hasStopPrice) return 'stop_limit';
	if (hasLimitPrice) return 'limit';
	if (hasStopPrice) return 'stop';
	return 'market';
}

/**
 * The order type as sent, else implied by the prices given. A type whose price is missing, or a
 * price the type would ignore, is an issue: guessing what the sender meant could cost money.
 */
export function readOrderType(
	reader: FieldReader,
	issues: IssueList,
	limitPrice: ReadField<number>,
	stopPrice: ReadField<number>,
): OrderType {
	const hasLimitPrice = limitPrice.field !== null;
	const hasStopPrice = stopPrice.field !== null;
	const sent = readWord(reader, issues, ORDER_TYPE_PATHS, ORDER_TYPE_WORDS);
	if (sent.field === null) return impliedOrderType(hasLimitPrice, hasStopPrice);
	// An unknown order type is already an issue; whatever is returned here is never used.
	if (sent.value === null) return 'market';
	const orderType = sent.value;

	if (NEEDS_LIMIT_PRICE.has(orderType) && !hasLimitPrice) {
		issues.add('limitPrice', `a ${orderType} order needs limitPrice`);
	}
	if (NEEDS_STOP_PRICE.has(orderType) && !hasStopPrice) {
		issues.add('stopPrice', `a ${orderType} order needs stopPrice`);
	}
	if (limitPrice.field !== null && !NEEDS_LIMIT_PRICE.has(orderType)) {
		issues.add(
			limitPrice.field,
			`${limitPrice.field} is given but ${sent.field} is ${orderType}; a limit price needs limit or stop_limit`,
		);
	}
	if (stopPrice.field !== null && !NEEDS_STOP_PRICE.has(orderType)) {
		issues.add(
			stopPrice.field,
			`${stopPrice.field} is given but ${sent.field} is ${orderType}; a stop price needs stop or stop_limit`,
		);
	}
	return orderType;
}
