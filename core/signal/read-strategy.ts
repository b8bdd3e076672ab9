import { STRATEGY_PATHS } from './field-aliases';
import type { FieldReader } from './field-reader';
import type { IssueList } from './issue-list';
import type { StrategyInfo } from './normalised-alert';
import { type ReadField, readNumber, readOptionalText, readWord } from './read-field';
import { MARKET_POSITION_WORDS, ORDER_SIDE_WORDS } from './value-words';

type MarketPosition = NonNullable<StrategyInfo['marketPosition']>;

/** A position signed by its direction: long > 0, short < 0, flat 0; null when it cannot be told. */
function signedPosition(
	position: ReadField<MarketPosition>,
	size: ReadField<number>,
	issues: IssueList,
): number | null {
	if (position.value === 'flat') {
		if (size.field !== null && size.value !== null && size.value !== 0) {
			issues.add(size.field, `${size.field} is ${size.value} while ${position.field} is flat`);
		}
		return 0;
	}
	if (position.value === null || size.field === null || size.value === null) return null;
	if (size.value === 0) {
		issues.add(size.field, `${size.field} is 0 while ${position.field} is ${position.value}`);
		return null;
	}
	return position.value === 'long' ? size.value : -size.value;
}

/** TradingView's strategy placeholders, or null when the alert carries none. */
export function readStrategy(reader: FieldReader, issues: IssueList): StrategyInfo | null {
	const paths = STRATEGY_PATHS;
	const orderAction = readWord(reader, issues, paths.orderAction, ORDER_SIDE_WORDS);
	const orderContracts = readNumber(reader, issues, paths.orderContracts, 'non_negative');
	const orderPrice = readNumber(reader, issues, paths.orderPrice, 'positive');
	const orderId = readOptionalText(reader, issues, paths.orderId);
	const orderComment = readOptionalText(reader, issues, paths.orderComment);
	const orderAlertMessage = readOptionalText(reader, issues, paths.orderAlertMessage);
	const marketPosition = readWord(reader, issues, paths.marketPosition, MARKET_POSITION_WORDS);
	const marketPositionSize = readNumber(reader, issues, paths.marketPositionSize, 'non_negative');
	const prevMarketPosition = readWord(
		reader,
		issues,
		paths.prevMarketPosition,
		MARKET_POSITION_WORDS,
	);
	const prevMarketPositionSize = readNumber(
		reader,
		issues,
		paths.prevMarketPositionSize,
		'non_negative',
	);
	const positionSize = readNumber(reader, issues, paths.positionSize, 'signed');

	const fields = [
		orderAction,
		orderContracts,
		orderPrice,
		orderId,
		orderComment,
		orderAlertMessage,
		marketPosition,
		marketPositionSize,
		prevMarketPosition,
		prevMarketPositionSize,
		positionSize,
	];
	if (fields.every((field) => field.field === null)) return null;

	const fromMarketPosition = signedPosition(marketPosition, marketPositionSize, issues);
	// {{strategy.position_size}} is the same position, already signed; the two must agree.
	if (fromMarketPosition !== null && positionSize.field !== null && positionSize.value !== null) {
		if (positionSize.value !== fromMarketPosition) {
			issues.add(
				positionSize.field,
				`${positionSize.field} is ${positionSize.value} but ${marketPosition.field} and ${marketPositionSize.field ?? 'its size'} say ${fromMarketPosition}`,
			);
		}
	}

	return {
		orderAction: orderAction.value,
		orderContracts: orderContracts.value,
		orderPrice: orderPrice.value,
		orderId: orderId.value,
		orderComment: orderComment.value,
		orderAlertMessage: orderAlertMessage.value,
		marketPosition: marketPosition.value,
		marketPositionSize: marketPositionSize.value,
		prevMarketPosition: prevMarketPosition.value,
		prevMarketPositionSize: prevMarketPositionSize.value,
		positionSize: positionSize.value,
		targetPosition: fromMarketPosition ?? positionSize.value,
		prevTargetPosition: signedPosition(prevMarketPosition, prevMarketPositionSize, issues),
	};
}
