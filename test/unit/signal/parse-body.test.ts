import type { FieldConflict } from '../../../core/signal/conflicts';
import { parseAlertBody } from '../../../core/signal/parse-body';

/** The format and fields of a body that parses with nothing to refuse. */
function fieldsOf(text: string) {
	const parsed = parseAlertBody(text);
	if (!parsed.ok)
		throw new Error(`expected ${JSON.stringify(text)} to parse: ${JSON.stringify(parsed.failure)}`);
	const { format, fields, conflicts, placeholders } = parsed.value;
	if (conflicts.length || placeholders.length)
		throw new Error(`expected ${JSON.stringify(text)} to parse cleanly: ${JSON.stringify(parsed.value)}`);
	return { format, fields };
}

function issuesOf(text: string) {
	const parsed = parseAlertBody(text);
	if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
	return parsed.failure;
}

function conflictsOf(text: string): FieldConflict[] {
	const parsed = parseAlertBody(text);
	if (!parsed.ok)
		throw new Error(`expected ${JSON.stringify(text)} to parse: ${JSON.stringify(parsed.failure)}`);
	return parsed.value.conflicts;
}

describe('parseAlertBody: JSON', () => {
	it('reads a JSON object as format json', () => {
		expect(fieldsOf('{"action":"buy","symbol":"AAPL","qty":"10"}')).toEqual({
			format: 'json',
			fields: { action: 'buy', symbol: 'AAPL', qty: '10' },
		});
	});

	it('strips a byte order mark and surrounding whitespace (JSON sent as text/plain)', () => {
		expect(fieldsOf('\uFEFF \n\t{"action":"sell","symbol":"MSFT"}\n  ')).toEqual({
			format: 'json',
			fields: { action: 'sell', symbol: 'MSFT' },
		});
	});

	it('expands dotted keys into nested objects, merged with objects given whole', () => {
		expect(
			fieldsOf(
				'{"strategy.order.action":"buy","strategy":{"market_position":"long"},"strategy.order.contracts":"3"}',
			).fields,
		).toEqual({ strategy: { order: { action: 'buy', contracts: '3' }, market_position: 'long' } });
	});

	it('keeps dots inside nested keys and keys with empty parts as they are', () => {
		expect(fieldsOf('{"extras":{"a.b":1},"a..b":2,".c":3}').fields).toEqual({
			extras: { 'a.b': 1 },
			'a..b': 2,
			'.c': 3,
		});
	});

	it('refuses a dotted key that collides with a value', () => {
		expect(issuesOf('{"strategy":"trend","strategy.order.action":"buy"}')).toEqual([
			{
				field: 'strategy.order.action',
				message:
					'"strategy.order.action" cannot go inside "strategy", which is already given as a value',
			},
		]);
		expect(
			issuesOf('{"strategy":{"order":{"action":"buy"}},"strategy.order.action":"sell"}'),
		).toEqual([
			{
				field: 'strategy.order.action',
				message: '"strategy.order.action" is given more than once',
			},
		]);
	});

	it('refuses invalid JSON with its line and column, without quoting the body', () => {
		expect(issuesOf('{"action":"buy",\n"token":"secret-token-value" "x":1}')).toEqual([
			{
				field: 'body',
				message:
					"the alert body is not valid JSON: expected ',' or '}' after property value at line 2, column 30",
			},
		]);
		const [issue] = issuesOf('{"token":"secret-token-value", "b": tru}');
		expect(issue.field).toBe('body');
		expect(issue.message).toMatch(/^the alert body is not valid JSON/);
		expect(issue.message).not.toContain('secret');
	});

	it('counts the error position from the body as received, leading whitespace included', () => {
		expect(issuesOf('\n\n{"a":1,}')).toEqual([
			{
				field: 'body',
				message:
					'the alert body is not valid JSON: expected double-quoted property name at line 3, column 8',
			},
		]);
	});

	it('refuses JSON that is not an object', () => {
		expect(issuesOf('[{"action":"buy"}]')).toEqual([
			{ field: 'body', message: 'the alert body must be a JSON object, not a list' },
		]);
		expect(issuesOf('"buy 10 AAPL"')).toEqual([
			{ field: 'body', message: 'the alert body must be a JSON object, not text' },
		]);
		expect(issuesOf('42')).toEqual([
			{ field: 'body', message: 'the alert body must be a JSON object, not a number' },
		]);
	});

	it('refuses an empty body', () => {
		expect(issuesOf('')).toEqual([{ field: 'body', message: 'the alert body is empty' }]);
		expect(issuesOf('\uFEFF  \n ')).toEqual([
			{ field: 'body', message: 'the alert body is empty' },
		]);
	});
});

describe('parseAlertBody: prototype pollution', () => {
	afterEach(() => {
		delete (Object.prototype as Record<string, unknown>).polluted;
	});

	it('drops __proto__ so it never reaches Object.prototype', () => {
		const parsed = fieldsOf(
			'{"__proto__":{"polluted":1},"action":"buy","symbol":"AAPL","nested":{"__proto__":{"polluted":2}}}',
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.keys(parsed.fields)).toEqual(['action', 'symbol', 'nested']);
		expect(Object.keys(parsed.fields.nested as object)).toEqual([]);
		expect(Object.getPrototypeOf(parsed.fields)).toBe(Object.prototype);
	});

	it('drops constructor.prototype, nested and dotted', () => {
		const parsed = fieldsOf(
			'{"constructor":{"prototype":{"polluted":1}},"a":{"constructor":{"prototype":{"polluted":2}}},"constructor.prototype.polluted":3,"__proto__.polluted":4,"b.__proto__.polluted":5,"action":"buy"}',
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(parsed.fields).toEqual({ a: {}, action: 'buy' });
		expect(Object.keys(parsed.fields)).toEqual(['a', 'action']);
	});

	it('drops them from key=value text too', () => {
		const parsed = fieldsOf(
			'action=buy __proto__.polluted=1 constructor.prototype.polluted=2 symbol=AAPL',
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(parsed.fields).toEqual({ action: 'buy', symbol: 'AAPL' });
	});
});

describe('parseAlertBody: key=value text', () => {
	it('reads one pair per line', () => {
		expect(fieldsOf('action=buy\nsymbol=AAPL\nqty=10\n')).toEqual({
			format: 'key_value',
			fields: { action: 'buy', symbol: 'AAPL', qty: '10' },
		});
	});

	it('reads pairs separated by commas, semicolons and spaces', () => {
		expect(fieldsOf('action=buy, symbol=AAPL;qty=10 price=189.5').fields).toEqual({
			action: 'buy',
			symbol: 'AAPL',
			qty: '10',
			price: '189.5',
		});
	});

	it('reads pairs with spaces around "="', () => {
		expect(fieldsOf('action = buy\r\nsymbol =AAPL\nqty= 10').fields).toEqual({
			action: 'buy',
			symbol: 'AAPL',
			qty: '10',
		});
	});

	it('strips quotes around values, which may then hold separators', () => {
		expect(fieldsOf(`action="buy" symbol='AAPL' comment="breakout, volume up"`).fields).toEqual({
			action: 'buy',
			symbol: 'AAPL',
			comment: 'breakout, volume up',
		});
	});

	it('keeps "=" inside a value and an empty value as empty', () => {
		expect(fieldsOf('token=abc== note=\naction=buy').fields).toEqual({
			token: 'abc==',
			note: '',
			action: 'buy',
		});
		expect(fieldsOf('note= action=buy').fields).toEqual({ note: '', action: 'buy' });
	});

	it('expands dotted keys', () => {
		expect(
			fieldsOf('strategy.order.action=sell strategy.order.contracts=3 symbol=ES1!').fields,
		).toEqual({
			strategy: { order: { action: 'sell', contracts: '3' } },
			symbol: 'ES1!',
		});
	});

	it('reports a key given twice with different values as a conflict, and keeps a repeated equal value', () => {
		expect(conflictsOf('action=buy symbol=AAPL action=sell')).toEqual([
			{ field: 'action', value: 'sell', otherField: 'action', otherValue: 'buy' },
		]);
		expect(fieldsOf('action=buy symbol=AAPL action=BUY qty=10 qty=10.0').fields).toEqual({
			action: 'buy',
			symbol: 'AAPL',
			qty: '10',
		});
	});
});

describe('parseAlertBody: sentences', () => {
	it.each([
		['buy 10 AAPL', { action: 'buy', quantity: '10', symbol: 'AAPL' }],
		['buy AAPL', { action: 'buy', symbol: 'AAPL' }],
		['exit AAPL', { action: 'exit', symbol: 'AAPL' }],
		[
			'sell BTCUSDT 0.5 @ 42000',
			{ action: 'sell', symbol: 'BTCUSDT', quantity: '0.5', price: '42000' },
		],
		[
			'sell 0.5 BINANCE:BTCUSDT at 42000',
			{ action: 'sell', quantity: '0.5', symbol: 'BINANCE:BTCUSDT', price: '42000' },
		],
		[
			'SELL 0.5 binance:btcusdt AT 42000',
			{ action: 'SELL', quantity: '0.5', symbol: 'binance:btcusdt', price: '42000' },
		],
		['buy 10 AAPL @42000', { action: 'buy', quantity: '10', symbol: 'AAPL', price: '42000' }],
		['  Long  10\nAAPL  ', { action: 'Long', quantity: '10', symbol: 'AAPL' }],
	])('reads %j', (text, fields) => {
		expect(fieldsOf(text)).toEqual({ format: 'sentence', fields });
	});

	it('lets a key=value pair that agrees with a sentence word stand for it, under any of its names', () => {
		expect(fieldsOf('buy 10 AAPL @ 189 qty=10 price=189.0 token=abcdefghijkl').fields).toEqual({
			action: 'buy',
			symbol: 'AAPL',
			qty: '10',
			price: '189.0',
			token: 'abcdefghijkl',
		});
		expect(fieldsOf('long 1 MSFT ticker=msft action=buy').fields).toEqual({
			action: 'buy',
			quantity: '1',
			ticker: 'msft',
		});
	});

	it('reports a key=value pair that contradicts a sentence word as a conflict', () => {
		expect(conflictsOf('buy 10 AAPL action=sell')).toEqual([
			{ field: 'action', value: 'sell', otherField: "the sentence's action", otherValue: 'buy' },
		]);
		expect(conflictsOf('buy 10 AAPL qty=1000')).toEqual([
			{ field: 'qty', value: '1000', otherField: "the sentence's quantity", otherValue: '10' },
		]);
		expect(conflictsOf('sell 1 MSFT ticker=AAPL @ 10 order_price=11')).toEqual([
			{ field: 'ticker', value: 'AAPL', otherField: "the sentence's symbol", otherValue: 'MSFT' },
			{ field: 'order_price', value: '11', otherField: "the sentence's price", otherValue: '10' },
		]);
	});

	it('refuses words that fit nowhere', () => {
		expect(issuesOf('buy 10 AAPL MSFT')).toEqual([
			{
				field: 'body',
				message:
					'could not understand "MSFT" in the sentence; expected <action> [quantity] <symbol> [@ price], e.g. "buy 10 AAPL" or "sell 0.5 BTCUSDT @ 42000"',
			},
		]);
		expect(issuesOf('buy 10 AAPL @ 189 now please')[0].message).toMatch(
			/^could not understand "now", "please" in the sentence/,
		);
		expect(issuesOf('buy 10 20 AAPL')[0].message).toMatch(/^could not understand "20"/);
	});

	it('does not repeat a word long enough to be a token', () => {
		expect(issuesOf('buy 10 AAPL s3cr3t-t0ken-value')[0].message).toMatch(
			/^could not understand word 4 \(18 characters, not shown\) in the sentence/,
		);
	});

	it('refuses a price marker without a price', () => {
		expect(issuesOf('buy 10 AAPL @')).toEqual([
			{ field: 'body', message: 'expected a price after "@" or "at", but the sentence ends there' },
		]);
		expect(issuesOf('buy 10 AAPL at market')).toEqual([
			{ field: 'body', message: 'expected a price after "@" or "at", not "market"' },
		]);
	});

	it('refuses a sentence that does not start with an action when pairs are also given', () => {
		expect(issuesOf('symbol=AAPL hold 10')[0].message).toMatch(
			/^the sentence must start with an action, not "hold"/,
		);
	});

	it('reports an un-rendered placeholder in a sentence as such', () => {
		expect(issuesOf('{{strategy.order.action}} 10 {{ticker}}')).toEqual([
			{
				field: 'body',
				message:
					'un-rendered TradingView placeholder "{{strategy.order.action}}": the alert was not created from a strategy/indicator that fills it',
			},
			{
				field: 'body',
				message:
					'un-rendered TradingView placeholder "{{ticker}}": the alert was not created from a strategy/indicator that fills it',
			},
		]);
	});

	it('refuses text it cannot read at all', () => {
		const unreadable = [
			{
				field: 'body',
				message:
					'unreadable alert: expected JSON, key=value pairs or a sentence such as "buy 10 AAPL"',
			},
		];
		expect(issuesOf('hello world')).toEqual(unreadable);
		expect(issuesOf(',;, ,')).toEqual(unreadable);
		expect(issuesOf('=buy')).toEqual(unreadable);
	});
});
