import {
	applyFill,
	cashChange,
	equityOf,
	evaluateOrder,
	onlyReduces,
	roundAmount,
	roundPrice,
	type OrderTerms,
} from '../../../core/brokers/paper/paper-engine';

const order = (overrides: Partial<OrderTerms>): OrderTerms => ({
	side: 'buy',
	type: 'market',
	limitPrice: null,
	stopPrice: null,
	stopTriggered: false,
	...overrides,
});

describe('roundAmount', () => {
	it('removes binary residue at 9 decimals', () => {
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(roundAmount(0.1 + 0.2)).toBe(0.3);
		expect(roundAmount(1.0000000004)).toBe(1);
		expect(roundAmount(1.0000000006)).toBe(1.000000001);
	});

	it('never returns -0', () => {
		expect(Object.is(roundAmount(-1e-12), 0)).toBe(true);
	});

	it('keeps amounts whose value times 1e9 passes 2^53', () => {
		// Math.round(x * 1e9) / 1e9 gives 4409778.110000001 here.
		expect(roundAmount(4_409_778.11)).toBe(4_409_778.11);
		expect(roundAmount(123_456_789.25)).toBe(123_456_789.25);
	});
});

describe('roundPrice', () => {
	it('keeps 15 significant digits', () => {
		expect(roundPrice(302 / 3)).toBe(100.666666666667);
		expect(roundPrice(100.00000000000001)).toBe(100);
	});
});

describe('evaluateOrder', () => {
	it('fills a market order at the mark', () => {
		expect(evaluateOrder(order({}), 123.45)).toEqual({ stopTriggered: false, fillPrice: 123.45 });
	});

	it('fills a buy limit at or below the limit, at the better price', () => {
		const buy = order({ type: 'limit', limitPrice: 100 });
		expect(evaluateOrder(buy, 100.01).fillPrice).toBeNull();
		expect(evaluateOrder(buy, 100).fillPrice).toBe(100);
		expect(evaluateOrder(buy, 99.5).fillPrice).toBe(99.5);
	});

	it('fills a sell limit at or above the limit, at the better price', () => {
		const sell = order({ side: 'sell', type: 'limit', limitPrice: 100 });
		expect(evaluateOrder(sell, 99.99).fillPrice).toBeNull();
		expect(evaluateOrder(sell, 100).fillPrice).toBe(100);
		expect(evaluateOrder(sell, 100.5).fillPrice).toBe(100.5);
	});

	it('triggers a buy stop at or above the stop and fills at the mark', () => {
		const buy = order({ type: 'stop', stopPrice: 100 });
		expect(evaluateOrder(buy, 99.99)).toEqual({ stopTriggered: false, fillPrice: null });
		expect(evaluateOrder(buy, 100)).toEqual({ stopTriggered: true, fillPrice: 100 });
		expect(evaluateOrder(buy, 101.5)).toEqual({ stopTriggered: true, fillPrice: 101.5 });
	});

	it('triggers a sell stop at or below the stop and fills at the mark', () => {
		const sell = order({ side: 'sell', type: 'stop', stopPrice: 100 });
		expect(evaluateOrder(sell, 100.01)).toEqual({ stopTriggered: false, fillPrice: null });
		expect(evaluateOrder(sell, 100)).toEqual({ stopTriggered: true, fillPrice: 100 });
		expect(evaluateOrder(sell, 98.5)).toEqual({ stopTriggered: true, fillPrice: 98.5 });
	});

	it('turns a stop_limit into a limit order once the stop triggers', () => {
		const buy = order({ type: 'stop_limit', stopPrice: 105, limitPrice: 106 });
		// Below the stop the limit does not count, though the price is under it.
		expect(evaluateOrder(buy, 104)).toEqual({ stopTriggered: false, fillPrice: null });
		// Triggered above the limit: waits as a limit order.
		expect(evaluateOrder(buy, 107)).toEqual({ stopTriggered: true, fillPrice: null });
		// Once triggered, a price under the stop still fills it.
		expect(evaluateOrder({ ...buy, stopTriggered: true }, 104)).toEqual({ stopTriggered: true, fillPrice: 104 });
		// Trigger and fill on the same price.
		expect(evaluateOrder(buy, 105.5)).toEqual({ stopTriggered: true, fillPrice: 105.5 });
	});

	it('handles a sell stop_limit the other way round', () => {
		const sell = order({ side: 'sell', type: 'stop_limit', stopPrice: 95, limitPrice: 94 });
		expect(evaluateOrder(sell, 96)).toEqual({ stopTriggered: false, fillPrice: null });
		expect(evaluateOrder(sell, 93)).toEqual({ stopTriggered: true, fillPrice: null });
		expect(evaluateOrder({ ...sell, stopTriggered: true }, 96)).toEqual({ stopTriggered: true, fillPrice: 96 });
	});
});

describe('cashChange', () => {
	it('takes cash for a buy and brings it for a sell, rounded', () => {
		expect(cashChange('buy', 10, 150.25)).toBe(-1502.5);
		expect(cashChange('sell', 3, 0.1)).toBe(0.3);
	});
});

describe('applyFill', () => {
	it('opens a long at the fill price', () => {
		expect(applyFill(null, 'buy', 10, 100)).toEqual({ position: { quantity: 10, averagePrice: 100 }, realisedPnl: 0 });
	});

	it('averages up a long with the weighted average', () => {
		expect(applyFill({ quantity: 10, averagePrice: 100 }, 'buy', 30, 110)).toEqual({
			position: { quantity: 40, averagePrice: 107.5 },
			realisedPnl: 0,
		});
	});

	it('realises P&L on a partial close of a long and keeps its average', () => {
		expect(applyFill({ quantity: 40, averagePrice: 107.5 }, 'sell', 15, 120)).toEqual({
			position: { quantity: 25, averagePrice: 107.5 },
			realisedPnl: 187.5,
		});
	});

	it('realises a loss and removes the position when a long is closed completely', () => {
		expect(applyFill({ quantity: 25, averagePrice: 107.5 }, 'sell', 25, 100)).toEqual({
			position: null,
			realisedPnl: -187.5,
		});
	});

	it('opens and averages a short', () => {
		const opened = applyFill(null, 'sell', 10, 50);
		expect(opened).toEqual({ position: { quantity: -10, averagePrice: 50 }, realisedPnl: 0 });
		expect(applyFill(opened.position, 'sell', 10, 60)).toEqual({
			position: { quantity: -20, averagePrice: 55 },
			realisedPnl: 0,
		});
	});

	it('realises (average - fill) on covering a short', () => {
		expect(applyFill({ quantity: -20, averagePrice: 55 }, 'buy', 4, 45)).toEqual({
			position: { quantity: -16, averagePrice: 55 },
			realisedPnl: 40,
		});
		expect(applyFill({ quantity: -16, averagePrice: 55 }, 'buy', 16, 58)).toEqual({
			position: null,
			realisedPnl: -48,
		});
	});

	it('flips a long through zero: closes it, then opens the rest at the fill price', () => {
		expect(applyFill({ quantity: 10, averagePrice: 100 }, 'sell', 15, 90)).toEqual({
			position: { quantity: -5, averagePrice: 90 },
			realisedPnl: -100,
		});
	});

	it('flips a short through zero the same way', () => {
		expect(applyFill({ quantity: -5, averagePrice: 90 }, 'buy', 8, 80)).toEqual({
			position: { quantity: 3, averagePrice: 80 },
			realisedPnl: 50,
		});
	});

	it('leaves no position after buying 0.1 three times and selling 0.3', () => {
		let position = applyFill(null, 'buy', 0.1, 10).position;
		position = applyFill(position, 'buy', 0.1, 10).position;
		position = applyFill(position, 'buy', 0.1, 10).position;
		expect(position).toEqual({ quantity: 0.3, averagePrice: 10 });
		expect(applyFill(position, 'sell', 0.3, 11)).toEqual({ position: null, realisedPnl: 0.3 });
	});

	it('realises exact P&L after averaging into a price with no finite decimal form', () => {
		const position = applyFill(applyFill(null, 'buy', 1, 100).position, 'buy', 2, 101).position;
		expect(position).toEqual({ quantity: 3, averagePrice: 100.666666666667 });
		// Bought for 302, sold for 306.
		expect(applyFill(position, 'sell', 3, 102)).toEqual({ position: null, realisedPnl: 4 });
	});
});

describe('onlyReduces', () => {
	it('allows the opposite side up to the size of the position', () => {
		expect(onlyReduces(10, 'sell', 10)).toBe(true);
		expect(onlyReduces(10, 'sell', 4)).toBe(true);
		expect(onlyReduces(-10, 'buy', 10)).toBe(true);
	});

	it('refuses an order that would add, flip or open', () => {
		expect(onlyReduces(10, 'buy', 1)).toBe(false);
		expect(onlyReduces(10, 'sell', 10.5)).toBe(false);
		expect(onlyReduces(-10, 'buy', 11)).toBe(false);
		expect(onlyReduces(-10, 'sell', 1)).toBe(false);
		expect(onlyReduces(0, 'sell', 1)).toBe(false);
		expect(onlyReduces(0, 'buy', 1)).toBe(false);
	});
});

describe('equityOf', () => {
	it('adds each holding at its price to the cash, shorts negative', () => {
		expect(equityOf(1000, [])).toBe(1000);
		expect(
			equityOf(8500.1, [
				{ quantity: 10, price: 160.2 },
				{ quantity: -5, price: 20.1 },
			]),
		).toBe(10001.6);
	});
});
