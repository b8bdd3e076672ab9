/** A place in the alert's fields: `['strategy', 'order', 'action']` is `strategy.order.action`. */
export type FieldPath = readonly string[];

// Where each signal field may be given, first present wins. Names are matched exactly. Two
// synonyms (SYNONYM_GROUPS) given with different values are a conflict; the other aliases are
// fallbacks, read only when those before them are absent.

export const ACTION_PATHS: readonly FieldPath[] = [
	['action'],
	['strategy', 'order', 'action'],
	['order_action'],
];
export const SENTIMENT_PATHS: readonly FieldPath[] = [['sentiment']];
export const SYMBOL_PATHS: readonly FieldPath[] = [['symbol'], ['ticker']];
export const EXCHANGE_PATHS: readonly FieldPath[] = [['exchange']];
export const QUANTITY_PATHS: readonly FieldPath[] = [
	['quantity'],
	['qty'],
	['contracts'],
	['strategy', 'order', 'contracts'],
	['order_contracts'],
];
export const QUANTITY_TYPE_PATHS: readonly FieldPath[] = [['quantityType'], ['quantity_type']];
export const PRICE_PATHS: readonly FieldPath[] = [
	['price'],
	['strategy', 'order', 'price'],
	['order_price'],
	['close'],
	['signalPrice'],
];
export const ORDER_TYPE_PATHS: readonly FieldPath[] = [['orderType'], ['order_type'], ['type']];
export const LIMIT_PRICE_PATHS: readonly FieldPath[] = [['limitPrice'], ['limit_price']];
export const STOP_PRICE_PATHS: readonly FieldPath[] = [['stopPrice'], ['stop_price']];
export const TAKE_PROFIT_PATHS: readonly FieldPath[] = [['takeProfit']];
export const STOP_LOSS_PATHS: readonly FieldPath[] = [['stopLoss']];
export const TIME_IN_FORCE_PATHS: readonly FieldPath[] = [
	['timeInForce'],
	['time_in_force'],
	['tif'],
];
export const ALERT_TIME_PATHS: readonly FieldPath[] = [
	['alertTime'],
	['timenow'],
	['time'],
	['timestamp'],
];
export const INTERVAL_PATHS: readonly FieldPath[] = [['interval']];
export const SENDER_ALERT_ID_PATHS: readonly FieldPath[] = [['alertId'], ['id']];
/** TradersPost's object of free fields, merged into `extra`. */
export const EXTRAS_KEY = 'extras';

/** TradingView's `{{strategy.*}}` placeholders: nested under `strategy`, else flat at the top. */
export const STRATEGY_PATHS = {
	orderAction: [['strategy', 'order', 'action'], ['order_action']],
	orderContracts: [['strategy', 'order', 'contracts'], ['order_contracts']],
	orderPrice: [['strategy', 'order', 'price'], ['order_price']],
	orderId: [['strategy', 'order', 'id'], ['order_id']],
	orderComment: [['strategy', 'order', 'comment'], ['order_comment']],
	orderAlertMessage: [['strategy', 'order', 'alert_message'], ['order_alert_message']],
	marketPosition: [['strategy', 'market_position'], ['market_position']],
	marketPositionSize: [['strategy', 'market_position_size'], ['market_position_size']],
	prevMarketPosition: [['strategy', 'prev_market_position'], ['prev_market_position']],
	prevMarketPositionSize: [
		['strategy', 'prev_market_position_size'],
		['prev_market_position_size'],
	],
	positionSize: [['strategy', 'position_size'], ['position_size']],
} as const satisfies Record<string, readonly FieldPath[]>;

/** What the words of a sentence body (`buy 10 AAPL @ 189`) stand for. */
export const SENTENCE_FIELD_PATHS = {
	action: ACTION_PATHS,
	quantity: QUANTITY_PATHS,
	symbol: SYMBOL_PATHS,
	price: PRICE_PATHS,
} as const;

/**
 * Names of one and the same value: given together, they must agree. `action` and
 * `strategy.order.action` are not synonyms (an `add` or `exit` alert fills a buy or sell order),
 * nor `price` and `close`, nor `timenow` and `time`.
 */
const SYNONYM_GROUPS: ReadonlyArray<readonly string[]> = [
	['quantity', 'qty', 'contracts'],
	['symbol', 'ticker'],
	['orderType', 'order_type', 'type'],
	['limitPrice', 'limit_price'],
	['stopPrice', 'stop_price'],
	['timeInForce', 'time_in_force', 'tif'],
	...Object.values(STRATEGY_PATHS).map((paths) => paths.map((path) => path.join('.'))),
];

const SYNONYM_GROUP_OF = new Map<string, number>(
	SYNONYM_GROUPS.flatMap((names, group) => names.map((name) => [name, group] as const)),
);

/** Whether two dotted field names are names of one value. */
export function areSynonyms(field: string, other: string): boolean {
	const group = SYNONYM_GROUP_OF.get(field);
	return group !== undefined && group === SYNONYM_GROUP_OF.get(other);
}
