import { ACTION_PATHS, SENTIMENT_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';
import type { AlertAction, AlertSignal, OrderSide, StrategyInfo } from './normalised-alert';
import { type ReadField, readWord } from './read-field';
import { ACTION_WORDS, SENTIMENT_WORDS } from './value-words';

type Sentiment = NonNullable<AlertSignal['sentiment']>;

const ACTION_FROM_SENTIMENT: Record<Sentiment, AlertAction> = {
	long: 'buy',
	short: 'sell',
	flat: 'exit',
};

export function readSentiment(reader: FieldReader, issues: IssueList): ReadField<Sentiment> {
	return readWord(reader, issues, SENTIMENT_PATHS, SENTIMENT_WORDS);
}

/** The action as sent, else implied by the sentiment (TradersPost sends `sentiment: flat` to close). */
export function readAction(
	reader: FieldReader,
	issues: IssueList,
	sentiment: ReadField<Sentiment>,
): AlertAction | null {
	const action = readWord(reader, issues, ACTION_PATHS, ACTION_WORDS);
	if (action.field !== null) return action.value;
	if (sentiment.value !== null) return ACTION_FROM_SENTIMENT[sentiment.value];
	// An invalid sentiment has its own issue; "action is required" would only repeat it.
	if (sentiment.field === null)
		issues.add('action', `action is required: ${ACTION_WORDS.expected}`);
	return null;
}

/** The order side: buy and sell say it; add follows the sentiment, else the strategy's position or order. */
export function deriveSide(
	action: AlertAction,
	sentiment: Sentiment | null,
	strategy: StrategyInfo | null,
): OrderSide | null {
	if (action === 'buy' || action === 'sell') return action;
	if (action !== 'add') return null;
	if (sentiment === 'long') return 'buy';
	if (sentiment === 'short') return 'sell';
	if (strategy?.marketPosition === 'long') return 'buy';
	if (strategy?.marketPosition === 'short') return 'sell';
	return strategy?.orderAction ?? null;
}
