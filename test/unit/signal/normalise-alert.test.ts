import type { FieldIssue } from '../../../core/signal/field-issue';
import { normaliseAlert } from '../../../core/signal/normalise-alert';
import type { AlertSignal } from '../../../core/signal/normalised-alert';
import { parseAlertBody } from '../../../core/signal/parse-body';

const OPTIONS = { ignoreFields: ['token', 'passphrase'] };

/** Every field null or default, to spread the few a test cares about over. */
const BLANK: Omit<AlertSignal, 'action' | 'symbol'> = {
	side: null,
	sentiment: null,
	exchange: null,
	quantity: null,
	quantityType: null,
	orderType: 'market',
	price: null,
	limitPrice: null,
	stopPrice: null,
	takeProfit: null,
	stopLoss: null,
	timeInForce: null,
	alertTime: null,
	interval: null,
	strategy: null,
	extra: {},
};

function normalise(fields: Record<string, unknown>) {
	const result = normaliseAlert(fields, OPTIONS);
	if (!result.ok)
		throw new Error(`expected the alert to normalise: ${JSON.stringify(result.failure)}`);
	return result.value;
}

function signalOf(body: string): AlertSignal {
	const parsed = parseAlertBody(body);
	if (!parsed.ok)
		throw new Error(`expected ${JSON.stringify(body)} to parse: ${JSON.stringify(parsed.failure)}`);
	return normalise(parsed.value.fields).signal;
}

function issuesOf(fields: Record<string, unknown>): FieldIssue[] {
	const result = normaliseAlert(fields, OPTIONS);
	if (result.ok) throw new Error('expected the alert to be refused');
	return result.failure;
}

const placeholder = (text: string) =>
	`un-rendered TradingView placeholder "${text}": the alert was not created from a strategy/indicator that fills it`;

describe('normaliseAlert: quantityType', () => {
	it('reads percent_of_position and fixed_quantity as TradersPost sends them', () => {
		expect(signalOf('{"action":"exit","ticker":"AAPL","quantity":50,"quantityType":"percent_of_position"}')).toMatchObject({ quantity: 50, quantityType: 'percent_of_position' });
		expect(signalOf('{"action":"buy","ticker":"AAPL","qty":"3","quantity_type":"Fixed_Quantity"}')).toMatchObject({ quantity: 3, quantityType: 'fixed_quantity' });
		expect(signalOf('{"action":"buy","ticker":"AAPL","qty":"3"}')).toMatchObject({ quantityType: null });
	});

	it('refuses the quantity types it does not take, a percent above 100 and a percent without quantity', () => {
		const issues = (fields: Record<string, unknown>) => {
			const result = normaliseAlert(fields, OPTIONS);
			return result.ok ? null : result.failure;
		};
		expect(issues({ action: 'buy', ticker: 'AAPL', quantity: 1000, quantityType: 'dollar_amount' })).toEqual([
			{
				field: 'quantityType',
				message: `quantityType "dollar_amount" is not recognised; expected fixed_quantity or percent_of_position (size by amount, risk or equity with Broker Order's Sizing instead)`,
			},
		]);
		expect(issues({ action: 'exit', ticker: 'AAPL', quantity: 150, quantityType: 'percent_of_position' })).toEqual([
			{ field: 'quantity', message: 'quantity is a percent of the position (quantityType percent_of_position): at most 100, not 150' },
		]);
		expect(issues({ action: 'exit', ticker: 'AAPL', quantityType: 'percent_of_position' })).toEqual([
			{ field: 'quantityType', message: 'quantityType percent_of_position needs quantity: the percent of the position' },
		]);
	});
});

describe('normaliseAlert: breakeven and price', () => {
	it('reads action price, a price update that orders nothing', () => {
		expect(signalOf('{"action":"price","ticker":"AAPL","price":101.5}')).toMatchObject({ action: 'price', side: null, price: 101.5 });
	});

	it.each(['breakeven', 'Break-Even', 'break_even'])('reads action %s as breakeven, with no side', (word) => {
		expect(signalOf(JSON.stringify({ action: word, ticker: 'AAPL', price: 101 }))).toMatchObject({ action: 'breakeven', side: null, symbol: 'AAPL', price: 101 });
	});
});

describe('normaliseAlert: accepted alerts', () => {
	it('normalises the seed alert', () => {
		const body =
			'{"action":"buy","symbol":"AAPL","qty":"10","price":"189.5","time":"2024-05-01T14:30:00Z"}';
		const parsed = parseAlertBody(body);
		if (!parsed.ok) throw new Error('seed did not parse');
		expect(normaliseAlert(parsed.value.fields, OPTIONS)).toEqual({
			ok: true,
			value: {
				senderAlertId: null,
				signal: {
					action: 'buy',
					side: 'buy',
					sentiment: null,
					symbol: 'AAPL',
					exchange: null,
					quantity: 10,
					quantityType: null,
					orderType: 'market',
					price: 189.5,
					limitPrice: null,
					stopPrice: null,
					takeProfit: null,
					stopLoss: null,
					timeInForce: null,
					alertTime: '2024-05-01T14:30:00.000Z',
					interval: null,
					strategy: null,
					extra: {},
				},
			},
		});
	});

	it('normalises a TradersPost-style alert, extras merged into extra', () => {
		const signal = signalOf(
			JSON.stringify({
				ticker: 'aapl',
				action: 'buy',
				sentiment: 'bullish',
				quantity: 5,
				orderType: 'LIMIT',
				limitPrice: 189.5,
				takeProfit: { percent: 10 },
				stopLoss: { type: 'Stop', stopPrice: '180' },
				timeInForce: 'GTC',
				extras: { note: 'breakout', source: 'extras' },
				source: 'top-level',
				token: 'abcdefghijkl',
			}),
		);
		expect(signal).toEqual({
			action: 'buy',
			side: 'buy',
			sentiment: 'long',
			symbol: 'AAPL',
			exchange: null,
			quantity: 5,
			quantityType: null,
			orderType: 'limit',
			price: null,
			limitPrice: 189.5,
			stopPrice: null,
			takeProfit: { limitPrice: null, percent: 10, amount: null },
			stopLoss: { type: 'stop', stopPrice: 180, limitPrice: null, percent: null, amount: null },
			timeInForce: 'gtc',
			alertTime: null,
			interval: null,
			strategy: null,
			extra: { note: 'breakout', source: 'top-level' },
		});
	});

	it('normalises a strategy alert whose placeholders were all rendered (long 2 reversed to short 3)', () => {
		// The template: {"action":"{{strategy.order.action}}","ticker":"{{exchange}}:{{ticker}}",
		// "contracts":"{{strategy.order.contracts}}","price":"{{strategy.order.price}}","timenow":"{{timenow}}",
		// "interval":"{{interval}}","strategy":{"order":{"action":"{{strategy.order.action}}",...}, ...}}
		const { signal, senderAlertId } = normalise(
			JSON.parse(`{
				"action": "sell",
				"ticker": "NASDAQ:AAPL",
				"contracts": "5",
				"price": "189.25",
				"timenow": "2024-05-01T14:30:05Z",
				"interval": "15",
				"alertId": "sig-2024-05-01-0001",
				"strategy": {
					"order": {
						"action": "sell",
						"contracts": "5",
						"price": "189.25",
						"id": "Short Entry",
						"comment": "",
						"alert_message": ""
					},
					"market_position": "short",
					"market_position_size": "3",
					"prev_market_position": "long",
					"prev_market_position_size": "2",
					"position_size": "-3"
				}
			}`),
		);
		expect(senderAlertId).toBe('sig-2024-05-01-0001');
		expect(signal).toEqual({
			...BLANK,
			action: 'sell',
			side: 'sell',
			symbol: 'AAPL',
			exchange: 'NASDAQ',
			quantity: 5,
			price: 189.25,
			alertTime: '2024-05-01T14:30:05.000Z',
			interval: '15',
			strategy: {
				orderAction: 'sell',
				orderContracts: 5,
				orderPrice: 189.25,
				orderId: 'Short Entry',
				orderComment: null,
				orderAlertMessage: null,
				marketPosition: 'short',
				marketPositionSize: 3,
				prevMarketPosition: 'long',
				prevMarketPositionSize: 2,
				positionSize: -3,
				targetPosition: -3,
				prevTargetPosition: 2,
			},
		});
	});

	it('reads the strategy placeholders given flat, action and quantity included', () => {
		const signal = signalOf(
			'order_action=sell order_contracts=3 symbol=ES1! market_position=short market_position_size=3 prev_market_position=flat prev_market_position_size=0 order_id=Short',
		);
		expect(signal).toEqual({
			...BLANK,
			action: 'sell',
			side: 'sell',
			symbol: 'ES1!',
			quantity: 3,
			strategy: {
				orderAction: 'sell',
				orderContracts: 3,
				orderPrice: null,
				orderId: 'Short',
				orderComment: null,
				orderAlertMessage: null,
				marketPosition: 'short',
				marketPositionSize: 3,
				prevMarketPosition: 'flat',
				prevMarketPositionSize: 0,
				positionSize: null,
				targetPosition: -3,
				prevTargetPosition: 0,
			},
		});
	});

	it('takes the target position from the signed position_size when market_position is not given', () => {
		const { strategy } = normalise({
			action: 'sell',
			symbol: 'AAPL',
			position_size: '-2.5',
		}).signal;
		expect(strategy).toMatchObject({
			positionSize: -2.5,
			targetPosition: -2.5,
			prevTargetPosition: null,
		});
		expect(
			normalise({ action: 'exit', symbol: 'AAPL', market_position: 'FLAT' }).signal.strategy,
		).toMatchObject({
			marketPosition: 'flat',
			targetPosition: 0,
		});
	});

	it('reads quantity from qty, contracts and strategy.order.contracts, in that order', () => {
		expect(normalise({ action: 'buy', symbol: 'ES', contracts: 2 }).signal.quantity).toBe(2);
		expect(
			normalise({ action: 'buy', symbol: 'ES', quantity: '1', qty: 1, contracts: '1.0' }).signal
				.quantity,
		).toBe(1);
		expect(
			normalise({ action: 'buy', symbol: 'ES', qty: 1, strategy: { order: { contracts: '4' } } })
				.signal.quantity,
		).toBe(1);
		expect(
			normalise({ action: 'buy', symbol: 'ES', strategy: { order: { contracts: '4' } } }).signal
				.quantity,
		).toBe(4);
	});

	it('keeps an alias that lost to an earlier one in extra', () => {
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', price: 10, close: '9.5' }).signal,
		).toMatchObject({
			price: 10,
			extra: { close: '9.5' },
		});
	});

	it('reads price from strategy.order.price, close and signalPrice when price is absent', () => {
		expect(normalise({ action: 'buy', symbol: 'AAPL', close: '101.5' }).signal.price).toBe(101.5);
		expect(normalise({ action: 'buy', symbol: 'AAPL', signalPrice: 7 }).signal.price).toBe(7);
	});

	it('accepts plain decimal quantities written as text', () => {
		for (const [text, quantity] of [
			['10', 10],
			[' 0.5 ', 0.5],
			['+3', 3],
			['.25', 0.25],
			['7.', 7],
		] as const) {
			expect(normalise({ action: 'buy', symbol: 'AAPL', qty: text }).signal.quantity).toBe(
				quantity,
			);
		}
	});

	it('splits an exchange prefix off the symbol', () => {
		expect(signalOf('{"action":"buy","symbol":"binance:btcusdt","qty":"0.01"}')).toMatchObject({
			symbol: 'BTCUSDT',
			exchange: 'BINANCE',
		});
		expect(normalise({ action: 'buy', symbol: ' aapl ', exchange: 'nasdaq' }).signal).toMatchObject(
			{
				symbol: 'AAPL',
				exchange: 'NASDAQ',
			},
		);
		expect(
			normalise({ action: 'buy', symbol: 'BINANCE:BTCUSDT', exchange: 'binance' }).signal.exchange,
		).toBe('BINANCE');
	});

	it.each([
		['buy', 'buy', 'buy'],
		['BUY', 'buy', 'buy'],
		['Sell', 'sell', 'sell'],
		['long', 'buy', 'buy'],
		['SHORT', 'sell', 'sell'],
		['Close', 'exit', null],
		['flat', 'exit', null],
		['EXIT', 'exit', null],
		['cancel', 'cancel', null],
	])('reads action %j as %s, side %s', (sent, action, side) => {
		expect(normalise({ action: sent, symbol: 'AAPL' }).signal).toMatchObject({ action, side });
	});

	it('takes the action from the sentiment when none is given', () => {
		expect(normalise({ sentiment: 'flat', symbol: 'AAPL' }).signal).toMatchObject({
			action: 'exit',
			side: null,
			sentiment: 'flat',
		});
		expect(normalise({ sentiment: 'Bearish', symbol: 'AAPL' }).signal).toMatchObject({
			action: 'sell',
			side: 'sell',
			sentiment: 'short',
		});
		expect(normalise({ sentiment: 'long', symbol: 'AAPL' }).signal).toMatchObject({
			action: 'buy',
			side: 'buy',
		});
	});

	it('gives add a side from the sentiment, else the strategy position, else none', () => {
		expect(normalise({ action: 'add', sentiment: 'short', symbol: 'AAPL' }).signal.side).toBe(
			'sell',
		);
		expect(normalise({ action: 'add', market_position: 'long', symbol: 'AAPL' }).signal.side).toBe(
			'buy',
		);
		expect(
			normalise({ action: 'add', strategy: { order: { action: 'sell' } }, symbol: 'AAPL' }).signal
				.side,
		).toBe('sell');
		expect(normalise({ action: 'add', symbol: 'AAPL' }).signal.side).toBeNull();
	});

	it('implies the order type from the prices given', () => {
		expect(normalise({ action: 'buy', symbol: 'AAPL', limitPrice: 10 }).signal.orderType).toBe(
			'limit',
		);
		expect(normalise({ action: 'buy', symbol: 'AAPL', stop_price: 10 }).signal.orderType).toBe(
			'stop',
		);
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', limit_price: '10', stopPrice: 9 }).signal
				.orderType,
		).toBe('stop_limit');
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', type: 'stopLimit', limitPrice: 10, stopPrice: 9 })
				.signal.orderType,
		).toBe('stop_limit');
		expect(
			normalise({
				action: 'buy',
				symbol: 'AAPL',
				order_type: 'Stop-Limit',
				limitPrice: 10,
				stopPrice: 9,
			}).signal,
		).toMatchObject({
			orderType: 'stop_limit',
			limitPrice: 10,
			stopPrice: 9,
		});
	});

	it('reads plain numbers as the take-profit limit price and the stop-loss stop price', () => {
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', takeProfit: 200, stopLoss: '180.5' }).signal,
		).toMatchObject({
			takeProfit: { limitPrice: 200, percent: null, amount: null },
			stopLoss: { type: null, stopPrice: 180.5, limitPrice: null, percent: null, amount: null },
		});
		expect(
			normalise({
				action: 'buy',
				symbol: 'AAPL',
				stopLoss: { type: 'stop_limit', stopPrice: 180, limitPrice: 179.5 },
			}).signal.stopLoss,
		).toEqual({
			type: 'stop_limit',
			stopPrice: 180,
			limitPrice: 179.5,
			percent: null,
			amount: null,
		});
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', stopLoss: { type: 'trailing_stop', percent: 2 } })
				.signal.stopLoss,
		).toEqual({
			type: 'trailing_stop',
			stopPrice: null,
			limitPrice: null,
			percent: 2,
			amount: null,
		});
	});

	it.each([
		[1714573800, '2024-05-01T14:30:00.000Z'],
		[1714573800123, '2024-05-01T14:30:00.123Z'],
		['1714573800', '2024-05-01T14:30:00.000Z'],
		['1714573800.5', '2024-05-01T14:30:00.500Z'],
		['2024-05-01T16:30:00+02:00', '2024-05-01T14:30:00.000Z'],
		['2024-05-01T14:30Z', '2024-05-01T14:30:00.000Z'],
		['2024-05-01T14:30:00.250Z', '2024-05-01T14:30:00.250Z'],
	])('reads alert time %j as %s', (time, iso) => {
		expect(normalise({ action: 'buy', symbol: 'AAPL', timenow: time }).signal.alertTime).toBe(iso);
	});

	it('reads alertTime before timenow, time and timestamp', () => {
		const signal = normalise({
			action: 'buy',
			symbol: 'AAPL',
			alertTime: 1714573800,
			time: 'not read',
			timestamp: 1,
		}).signal;
		expect(signal.alertTime).toBe('2024-05-01T14:30:00.000Z');
		expect(signal.extra).toEqual({ time: 'not read', timestamp: 1 });
	});

	it('reads time in force and interval', () => {
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', tif: 'IOC', interval: 60 }).signal,
		).toMatchObject({
			timeInForce: 'ioc',
			interval: '60',
		});
		expect(
			normalise({ action: 'buy', symbol: 'AAPL', time_in_force: 'day', interval: '1D' }).signal,
		).toMatchObject({
			timeInForce: 'day',
			interval: '1D',
		});
	});

	it('reads the sender alert id from alertId, else id, and keeps it out of extra', () => {
		expect(normalise({ action: 'buy', symbol: 'AAPL', id: 42 })).toEqual({
			signal: expect.objectContaining({ extra: {} }),
			senderAlertId: '42',
		});
		expect(normalise({ action: 'buy', symbol: 'AAPL', alertId: ' a-1 ' }).senderAlertId).toBe(
			'a-1',
		);
		expect(normalise({ action: 'buy', symbol: 'AAPL' }).senderAlertId).toBeNull();
	});

	it('keeps the ignored token fields out of the signal and out of extra, whatever their case', () => {
		const { signal } = normalise({
			action: 'buy',
			symbol: 'AAPL',
			token: '[redacted]',
			Passphrase: '[redacted]',
			extras: { token: 'x', keep: 1 },
			other: 'kept',
		});
		expect(signal.extra).toEqual({ keep: 1, other: 'kept' });
	});

	it('does not read a placeholder or an invalid value in an ignored field', () => {
		expect(normalise({ action: 'buy', symbol: 'AAPL', token: '{{token}}' }).signal.extra).toEqual(
			{},
		);
	});

	it('keeps extras that are not an object under their own name', () => {
		expect(normalise({ action: 'buy', symbol: 'AAPL', extras: 'note' }).signal.extra).toEqual({
			extras: 'note',
		});
	});
});

describe('normaliseAlert: text bodies', () => {
	it.each([
		['buy 10 AAPL', { action: 'buy', side: 'buy', symbol: 'AAPL', quantity: 10 }],
		[
			'sell BTCUSDT 0.5 @ 42000',
			{ action: 'sell', side: 'sell', symbol: 'BTCUSDT', quantity: 0.5, price: 42000 },
		],
		['exit AAPL', { action: 'exit', symbol: 'AAPL' }],
		[
			'SELL 0.5 binance:btcusdt at 42000',
			{
				action: 'sell',
				side: 'sell',
				symbol: 'BTCUSDT',
				exchange: 'BINANCE',
				quantity: 0.5,
				price: 42000,
			},
		],
		[
			'action = BUY\nsymbol = msft\nqty = 2',
			{ action: 'buy', side: 'buy', symbol: 'MSFT', quantity: 2 },
		],
		[
			'action=sell,ticker=AAPL,quantity=1,limitPrice=190',
			{
				action: 'sell',
				side: 'sell',
				symbol: 'AAPL',
				quantity: 1,
				orderType: 'limit',
				limitPrice: 190,
			},
		],
	])('normalises %j', (body, expected) => {
		expect(signalOf(body)).toEqual({ ...BLANK, ...expected });
	});

	it('keeps the token of a key=value body out of extra', () => {
		expect(signalOf('buy 1 AAPL token=abcdefghijkl passphrase=zyxwvutsrqpo note=hi').extra).toEqual(
			{ note: 'hi' },
		);
	});
});

describe('normaliseAlert: refused alerts', () => {
	it('refuses an un-rendered placeholder at the top level, once', () => {
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', price: '{{close}}' })).toEqual([
			{ field: 'price', message: placeholder('{{close}}') },
		]);
	});

	it('refuses an un-rendered placeholder in a nested field, named by its path', () => {
		expect(
			issuesOf({
				action: 'buy',
				symbol: 'AAPL',
				strategy: { order: { contracts: '{{strategy.order.contracts}}' } },
			}),
		).toEqual([
			{ field: 'strategy.order.contracts', message: placeholder('{{strategy.order.contracts}}') },
		]);
	});

	it('refuses an un-rendered placeholder in a field that would go to extra', () => {
		expect(
			issuesOf({
				action: 'buy',
				symbol: 'AAPL',
				extras: { note: 'at {{plot_0}} now' },
				tags: ['ok', '{{interval}}'],
			}),
		).toEqual([
			{ field: 'extras.note', message: placeholder('{{plot_0}}') },
			{ field: 'tags.1', message: placeholder('{{interval}}') },
		]);
	});

	it('refuses NaN in numeric fields', () => {
		const nan = (field: string) => ({
			field,
			message: `${field} is NaN: TradingView renders a value that is not available (na) as NaN`,
		});
		expect(
			issuesOf({
				action: 'buy',
				symbol: 'AAPL',
				qty: 'NaN',
				price: 'nan',
				stopLoss: { stopPrice: 'NaN' },
				position_size: 'NaN',
			}),
		).toEqual([nan('qty'), nan('price'), nan('stopLoss.stopPrice'), nan('position_size')]);
	});

	it('refuses a zero or negative quantity', () => {
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', quantity: 0 })).toEqual([
			{ field: 'quantity', message: 'quantity must be greater than 0' },
		]);
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', qty: '-5' })).toEqual([
			{ field: 'qty', message: 'qty must be greater than 0' },
		]);
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', quantity: '0.0' })).toEqual([
			{ field: 'quantity', message: 'quantity must be greater than 0' },
		]);
	});

	it.each([
		['', 'quantity is empty; a number is expected'],
		['abc', 'quantity "abc" is not a plain decimal number'],
		['Infinity', 'quantity "Infinity" is not a plain decimal number'],
		['1,000', 'quantity "1,000" is not a plain decimal number'],
		['1e3', 'quantity "1e3" is not a plain decimal number'],
		[true, 'quantity must be a number, not true/false'],
		[[1], 'quantity must be a number, not a list'],
	])('refuses quantity %j', (quantity, message) => {
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', quantity })).toEqual([
			{ field: 'quantity', message },
		]);
	});

	it('refuses an unknown action, naming it and the accepted ones', () => {
		expect(issuesOf({ action: 'hold', symbol: 'AAPL' })).toEqual([
			{
				field: 'action',
				message:
					'action "hold" is not recognised; expected buy, sell, add, exit, cancel, breakeven or price (long, short, close and flat also work)',
			},
		]);
	});

	it('refuses a missing action', () => {
		expect(issuesOf({ symbol: 'AAPL' })).toEqual([
			{
				field: 'action',
				message:
					'action is required: buy, sell, add, exit, cancel, breakeven or price (long, short, close and flat also work)',
			},
		]);
		expect(issuesOf({ sentiment: 'sideways', symbol: 'AAPL' })).toEqual([
			{
				field: 'sentiment',
				message:
					'sentiment "sideways" is not recognised; expected long, short or flat (bullish and bearish also work)',
			},
		]);
	});

	it('refuses a missing, empty or malformed symbol', () => {
		expect(issuesOf({ action: 'buy' })).toEqual([
			{ field: 'symbol', message: 'symbol is required, e.g. "AAPL" or "BINANCE:BTCUSDT"' },
		]);
		expect(issuesOf({ action: 'buy', symbol: '  ' })).toEqual([
			{ field: 'symbol', message: 'symbol is empty' },
		]);
		expect(issuesOf({ action: 'buy', ticker: 'BINANCE:' })).toEqual([
			{
				field: 'ticker',
				message: 'ticker "BINANCE:" is not a symbol; expected e.g. "AAPL" or "BINANCE:BTCUSDT"',
			},
		]);
		expect(issuesOf({ action: 'buy', symbol: 700 })).toEqual([
			{ field: 'symbol', message: 'symbol must be text, not a number' },
		]);
	});

	it('refuses an exchange that contradicts the symbol prefix', () => {
		expect(issuesOf({ action: 'buy', symbol: 'BINANCE:BTCUSDT', exchange: 'COINBASE' })).toEqual([
			{
				field: 'exchange',
				message: 'exchange "COINBASE" contradicts the symbol\'s prefix "BINANCE"',
			},
		]);
	});

	it('refuses an order type whose price is missing, or a price the order type would ignore', () => {
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', orderType: 'limit' })).toEqual([
			{ field: 'limitPrice', message: 'a limit order needs limitPrice' },
		]);
		expect(
			issuesOf({ action: 'buy', symbol: 'AAPL', orderType: 'stop_limit', limitPrice: 10 }),
		).toEqual([{ field: 'stopPrice', message: 'a stop_limit order needs stopPrice' }]);
		expect(
			issuesOf({ action: 'buy', symbol: 'AAPL', orderType: 'market', limit_price: 10 }),
		).toEqual([
			{
				field: 'limit_price',
				message:
					'limit_price is given but orderType is market; a limit price needs limit or stop_limit',
			},
		]);
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', type: 'trailing' })).toEqual([
			{
				field: 'type',
				message: 'type "trailing" is not recognised; expected market, limit, stop or stop_limit',
			},
		]);
	});

	it('refuses exits that are empty, ambiguous or misspelt', () => {
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', takeProfit: {} })).toEqual([
			{ field: 'takeProfit', message: 'takeProfit needs one of limitPrice, percent or amount' },
		]);
		expect(
			issuesOf({ action: 'buy', symbol: 'AAPL', takeProfit: { limitPrice: 200, percent: 5 } }),
		).toEqual([
			{
				field: 'takeProfit',
				message:
					'takeProfit must give only one of limitPrice, percent or amount, not limitPrice and percent',
			},
		]);
		expect(
			issuesOf({ action: 'buy', symbol: 'AAPL', takeProfit: { limit_price: 200, percent: 5 } }),
		).toEqual([
			{
				field: 'takeProfit.limit_price',
				message:
					'takeProfit.limit_price is not a known field; expected limitPrice, percent, amount',
			},
		]);
		expect(
			issuesOf({ action: 'buy', symbol: 'AAPL', stopLoss: { type: 'stop_limit', stopPrice: 180 } }),
		).toEqual([
			{ field: 'stopLoss.limitPrice', message: 'a stop_limit stopLoss needs stopLoss.limitPrice' },
		]);
		expect(
			issuesOf({ action: 'buy', symbol: 'AAPL', stopLoss: { type: 'hard', stopPrice: -1 } }),
		).toEqual([
			{
				field: 'stopLoss.type',
				message:
					'stopLoss.type "hard" is not recognised; expected stop, stop_limit or trailing_stop',
			},
			{ field: 'stopLoss.stopPrice', message: 'stopLoss.stopPrice must be greater than 0' },
		]);
	});

	it.each([
		['2024-02-30T14:30:00Z'],
		['2024-05-01T14:30:00'],
		['2024-05-01'],
		['yesterday'],
		['May 1, 2024 14:30'],
		[-1],
	])('refuses alert time %j', (time) => {
		const [issue] = issuesOf({ action: 'buy', symbol: 'AAPL', time });
		expect(issue.field).toBe('time');
		expect(issue.message).toMatch(/^time .* is not a time: expected ISO 8601 with an offset/);
	});

	it('refuses an unknown time in force', () => {
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', timeInForce: 'forever' })).toEqual([
			{
				field: 'timeInForce',
				message: 'timeInForce "forever" is not recognised; expected day, gtc, ioc, fok, opg or cls',
			},
		]);
	});

	it('refuses a sender alert id that is not 1 to 128 printable ASCII characters', () => {
		const message = (field: string) => ({
			field,
			message: `${field} must be 1 to 128 printable ASCII characters`,
		});
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', alertId: 'x'.repeat(129) })).toEqual([
			message('alertId'),
		]);
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', id: 'héllo' })).toEqual([message('id')]);
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', id: ' ' })).toEqual([message('id')]);
		expect(issuesOf({ action: 'buy', symbol: 'AAPL', alertId: { a: 1 } })).toEqual([
			{ field: 'alertId', message: 'alertId must be text or a number, not an object' },
		]);
	});

	it('refuses strategy values that are unknown or contradict each other', () => {
		expect(
			issuesOf({
				action: 'sell',
				symbol: 'AAPL',
				market_position: 'short',
				market_position_size: 3,
				position_size: 3,
			}),
		).toEqual([
			{
				field: 'position_size',
				message: 'position_size is 3 but market_position and market_position_size say -3',
			},
		]);
		expect(
			issuesOf({
				action: 'exit',
				symbol: 'AAPL',
				strategy: { market_position: 'flat', market_position_size: '2' },
			}),
		).toEqual([
			{
				field: 'strategy.market_position_size',
				message: 'strategy.market_position_size is 2 while strategy.market_position is flat',
			},
		]);
		expect(
			issuesOf({
				action: 'buy',
				symbol: 'AAPL',
				strategy: { order: { action: 'exit' }, market_position: 'up' },
			}),
		).toEqual([
			{
				field: 'strategy.order.action',
				message: 'strategy.order.action "exit" is not recognised; expected buy or sell',
			},
			{
				field: 'strategy.market_position',
				message: 'strategy.market_position "up" is not recognised; expected long, short or flat',
			},
		]);
	});

	it('reports several issues together', () => {
		expect(
			issuesOf({
				action: 'purchase',
				qty: 'NaN',
				price: '-1',
				time: 'soon',
				tif: 'week',
				extras: { a: '{{plot}}' },
			}),
		).toEqual([
			{ field: 'extras.a', message: placeholder('{{plot}}') },
			{
				field: 'action',
				message:
					'action "purchase" is not recognised; expected buy, sell, add, exit, cancel, breakeven or price (long, short, close and flat also work)',
			},
			{ field: 'symbol', message: 'symbol is required, e.g. "AAPL" or "BINANCE:BTCUSDT"' },
			{
				field: 'qty',
				message: 'qty is NaN: TradingView renders a value that is not available (na) as NaN',
			},
			{ field: 'price', message: 'price must be greater than 0' },
			{
				field: 'tif',
				message: 'tif "week" is not recognised; expected day, gtc, ioc, fok, opg or cls',
			},
			{
				field: 'time',
				message:
					'time "soon" is not a time: expected ISO 8601 with an offset such as "2024-05-01T14:30:00Z", or unix epoch seconds or milliseconds',
			},
		]);
	});

	it('never lets a prototype key from the fields reach extra or a prototype', () => {
		const fields = JSON.parse(
			'{"action":"buy","symbol":"AAPL","__proto__":{"polluted":1},"extras":{"__proto__":{"polluted":2}}}',
		);
		const { signal } = normalise(fields);
		expect(Object.keys(signal.extra)).toEqual([]);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(signal.extra)).toBe(Object.prototype);
	});
});
