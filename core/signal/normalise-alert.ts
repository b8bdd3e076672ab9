import type { Parsed } from './field-issue';
import {
	INTERVAL_PATHS,
	LIMIT_PRICE_PATHS,
	PRICE_PATHS,
	QUANTITY_PATHS,
	QUANTITY_TYPE_PATHS,
	STOP_PRICE_PATHS,
	TIME_IN_FORCE_PATHS,
} from './field-aliases';
import { FieldReader } from './field-reader';
import { IssueList } from './issue-list';
import { collectExtra } from './collect-extra';
import { type AlertSignal, alertSignalSchema } from './normalised-alert';
import { findPlaceholderIssues } from './placeholders';
import { deriveSide, readAction, readSentiment } from './read-action';
import { readAlertTime } from './read-alert-time';
import { readStopLoss, readTakeProfit } from './read-exits';
import { readLabel, readNumber, readWord } from './read-field';
import { readOrderType } from './read-order-type';
import { readSenderAlertId } from './read-sender-alert-id';
import { readStrategy } from './read-strategy';
import { readSymbol } from './read-symbol';
import { isForbiddenKey, setOwn } from './safe-object';
import { QUANTITY_TYPE_WORDS, TIME_IN_FORCE_WORDS } from './value-words';

export interface NormaliseOptions {
	/** Top-level fields skipped entirely (the token fields): never read, never in `extra`. */
	ignoreFields: readonly string[];
	/** Whether a symbol may hold letters beyond ASCII, such as Cyrillic or fullwidth ones. */
	allowNonAsciiSymbols?: boolean;
}

export interface NormalisedFields {
	signal: AlertSignal;
	/** The sender's own id for the alert (`alertId`, else `id`), or null. */
	senderAlertId: string | null;
}

/**
 * Turns the parsed fields of one alert into the trigger's signal. Every issue found is returned
 * together; a signal is returned only when there is none.
 */
export function normaliseAlert(
	fields: Record<string, unknown>,
	options: NormaliseOptions,
): Parsed<NormalisedFields> {
	// Case-insensitive, as redaction matches token fields: `Token` must not slip into extra.
	const ignored = new Set(options.ignoreFields.map((field) => field.toLowerCase()));
	const isIgnored = (key: string) => ignored.has(key.toLowerCase());
	const kept: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (!isIgnored(key) && !isForbiddenKey(key)) setOwn(kept, key, value);
	}

	const issues = new IssueList();
	// First, so a field holding a placeholder is reported as that and not as, say, "not a number".
	for (const issue of findPlaceholderIssues(kept)) issues.add(issue.field, issue.message);

	const reader = new FieldReader(kept, issues);
	const sentiment = readSentiment(reader, issues);
	const action = readAction(reader, issues, sentiment);
	const { symbol, exchange } = readSymbol(reader, issues, options.allowNonAsciiSymbols ?? false);
	const quantity = readNumber(reader, issues, QUANTITY_PATHS, 'positive');
	const quantityType = readWord(reader, issues, QUANTITY_TYPE_PATHS, QUANTITY_TYPE_WORDS);
	if (quantityType.value === 'percent_of_position' && quantity.field === null) {
		issues.add(quantityType.field as string, `${quantityType.field} percent_of_position needs quantity: the percent of the position`);
	}
	if (quantityType.value === 'percent_of_position' && quantity.value !== null && quantity.value > 100) {
		issues.add(quantity.field as string, `${quantity.field} is a percent of the position (quantityType percent_of_position): at most 100, not ${quantity.value}`);
	}
	const price = readNumber(reader, issues, PRICE_PATHS, 'positive');
	const limitPrice = readNumber(reader, issues, LIMIT_PRICE_PATHS, 'positive');
	const stopPrice = readNumber(reader, issues, STOP_PRICE_PATHS, 'positive');
	const orderType = readOrderType(reader, issues, limitPrice, stopPrice);
	const takeProfit = readTakeProfit(reader, issues);
	const stopLoss = readStopLoss(reader, issues);
	const timeInForce = readWord(reader, issues, TIME_IN_FORCE_PATHS, TIME_IN_FORCE_WORDS);
	const alertTime = readAlertTime(reader, issues);
	const interval = readLabel(reader, issues, INTERVAL_PATHS);
	const strategy = readStrategy(reader, issues);
	const senderAlertId = readSenderAlertId(reader, issues);
	const extra = collectExtra(reader, isIgnored);

	if (!issues.isEmpty || action === null || symbol === null)
		return { ok: false, failure: issues.list() };

	const signal: AlertSignal = {
		action,
		side: deriveSide(action, sentiment.value, strategy),
		sentiment: sentiment.value,
		symbol,
		exchange,
		quantity: quantity.value,
		quantityType: quantityType.value,
		orderType,
		price: price.value,
		limitPrice: limitPrice.value,
		stopPrice: stopPrice.value,
		takeProfit,
		stopLoss,
		timeInForce: timeInForce.value,
		alertTime,
		interval: interval.value,
		strategy,
		extra,
	};
	// The last guard: the contract the trigger promises, checked on what was built.
	const checked = alertSignalSchema.safeParse(signal);
	if (!checked.success) {
		return {
			ok: false,
			failure: checked.error.issues.map((issue) => ({
				field: issue.path.join('.') || 'body',
				message: issue.message,
			})),
		};
	}
	return { ok: true, value: { signal, senderAlertId } };
}
