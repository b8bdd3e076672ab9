import { isPlainDecimal } from '../../../core/signal/decimal-text';
import { MAX_NESTING_DEPTH, scanJsonStructure } from '../../../core/signal/json-structure';
import { splitPairsAndWords } from '../../../core/signal/key-value-pairs';
import { parseAlertBody } from '../../../core/signal/parse-body';
import type { WorkMeter } from '../../../core/signal/work-meter';

const KIB_64 = 64 * 1024;

/** `unit` repeated to exactly 64 KiB (cut to length). */
const fill = (unit: string): string => unit.repeat(Math.ceil(KIB_64 / unit.length)).slice(0, KIB_64);

// Work is counted in characters visited, never timed: a linear scanner visits each a few times,
// the quadratic regular expression it replaced retried up to every later one from each position.
const MAX_STEPS_PER_CHARACTER = 4;

describe('splitPairsAndWords on hostile 64 KiB text', () => {
	it.each([
		['one word of letters', fill('a'), { pairs: 0, words: 1 }],
		['letters with one "=" at the very end', `${fill('a').slice(1)}=`, { pairs: 1, words: 0 }],
		['a run of "="', fill('='), { pairs: 0, words: 1 }],
		['"a=" repeated', fill('a='), { pairs: 1, words: 0 }],
		['"a =" repeated', fill('a ='), { pairs: 10_923, words: 10_922 }],
		['unclosed quotes after "="', fill('k="'), { pairs: 10_923, words: 0 }],
		['quotes and letters', fill(`"a'`), { pairs: 0, words: 1 }],
		['"= " repeated', fill('= '), { pairs: 0, words: KIB_64 / 2 }],
	])('reads %s in a bounded number of steps', (_name, text, expected) => {
		const meter: WorkMeter = { steps: 0 };

		const { pairs, words } = splitPairsAndWords(text, meter);

		expect(text.length).toBe(KIB_64);
		expect({ pairs: pairs.length, words: words.length }).toEqual(expected);
		expect(meter.steps).toBeLessThanOrEqual(MAX_STEPS_PER_CHARACTER * text.length);
	});

	it('keeps the values of a long adversarial body exactly', () => {
		const letters = fill('a').slice(10);
		const { pairs, words } = splitPairsAndWords(`${letters} qty=1 note= x=y=z`);

		expect(words).toEqual([letters]);
		expect(pairs).toEqual([
			{ key: 'qty', value: '1' },
			{ key: 'note', value: '' },
			{ key: 'x', value: 'y=z' },
		]);
	});

	it('splits every short text exactly as the regular expression it replaced did', () => {
		const quoted = `"[^"]*"|'[^']*'`;
		const formerPair = new RegExp(
			`([^\\s,;&=]+)[ \\t]*=(?:(${quoted}|[^\\s,;&]+)|[ \\t]*(${quoted}|[^\\s,;&=]*(?=[\\s,;&]|$)))`,
			'g',
		);
		const unquote = (text: string) =>
			text.length >= 2 && `"'`.includes(text[0]) && text[text.length - 1] === text[0] ? text.slice(1, -1) : text;
		const former = (text: string) => {
			const pairs: Array<{ key: string; value: string }> = [];
			const rest = text.replace(formerPair, (_match, key: string, value?: string, spaced?: string) => {
				pairs.push({ key: unquote(key), value: unquote(value ?? spaced ?? '') });
				return ' ';
			});
			return { pairs, words: rest.split(/[\s,;&]+/).filter(Boolean) };
		};
		const alphabet = `ab= \t\n,;&"'x`;
		let seed = 7;
		const next = () => (seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff);
		for (let round = 0; round < 5_000; round++) {
			let text = '';
			for (let length = next() % 16; length > 0; length--) text += alphabet[next() % alphabet.length];
			expect([text, splitPairsAndWords(text)]).toEqual([text, former(text)]);
		}
	});

	it('reads the forms it always read', () => {
		expect(splitPairsAndWords(`buy 10 AAPL "token"=abc note='a, b' k = v =lone x= "q r" y=1`)).toEqual({
			pairs: [
				{ key: 'token', value: 'abc' },
				{ key: 'note', value: 'a, b' },
				{ key: 'k', value: 'v' },
				{ key: 'x', value: 'q r' },
				{ key: 'y', value: '1' },
			],
			words: ['buy', '10', 'AAPL', '=lone'],
		});
	});
});

describe('scanJsonStructure on hostile 64 KiB text', () => {
	it.each([
		['nested brackets', fill('[')],
		['nested objects', fill('{"a":')],
		['unclosed placeholders', fill('{{')],
		['an unterminated string of escapes', `{"a":"${fill('\\"').slice(6)}`],
		['many members', `{${fill('"a":1,').slice(1, -1)}}`],
	])('scans %s in a bounded number of steps', (_name, text) => {
		const meter: WorkMeter = { steps: 0 };

		scanJsonStructure(text, meter);

		expect(meter.steps).toBeLessThanOrEqual((MAX_NESTING_DEPTH + 2) * text.length);
	});

	it('stops at the level past the limit', () => {
		const text = '['.repeat(30_000) + ']'.repeat(30_000);

		expect(scanJsonStructure(text).tooDeepAt).toBe(MAX_NESTING_DEPTH);
	});

	it('reports a key repeated 10,000 times with another value once', () => {
		const members = Array.from({ length: 10_000 }, (_, index) => `"a":${index % 2}`).join(',');

		expect(scanJsonStructure(`{${members}}`)).toEqual({
			tooDeepAt: null,
			duplicates: [{ field: 'a', first: { start: 5, end: 6 }, second: { start: 11, end: 12 } }],
			placeholders: [],
		});
	});
});

describe('parseAlertBody on hostile 64 KiB bodies', () => {
	it('refuses JSON nested 30,000 deep with an issue naming the nesting, without throwing', () => {
		const text = '{"a":'.repeat(30_000) + '1' + '}'.repeat(30_000);

		expect(parseAlertBody(text)).toEqual({
			ok: false,
			failure: [
				{
					field: 'body',
					message: `the alert body nests objects or lists more than ${MAX_NESTING_DEPTH} levels deep (at line 1, column ${5 * MAX_NESTING_DEPTH + 1})`,
				},
			],
		});
	});

	it('refuses a dotted key of more than 32 parts', () => {
		expect(parseAlertBody(`action=buy ${fill('a.').slice(0, -1)}=1`)).toEqual({
			ok: false,
			failure: [{ field: 'body', message: `a dotted key has more than ${MAX_NESTING_DEPTH} parts` }],
		});
	});

	it('reads a sentence whose quantity is 64 KiB of digits ending in a letter as a symbol, in linear steps', () => {
		const word = `${fill('1').slice(1)}x`;
		const meter: WorkMeter = { steps: 0 };

		const parsed = parseAlertBody(`buy ${word}`, meter);

		expect(parsed).toEqual({
			ok: true,
			value: { format: 'sentence', fields: { action: 'buy', symbol: word }, conflicts: [], placeholders: [] },
		});
		expect(meter.steps).toBeLessThanOrEqual(MAX_STEPS_PER_CHARACTER * word.length);
	});
});

describe('isPlainDecimal', () => {
	it.each([
		['10', true],
		['+3', true],
		['-0.5', true],
		['.25', true],
		['7.', true],
		['', false],
		['+', false],
		['.', false],
		['1.2.3', false],
		['1e3', false],
		['1,000', false],
	])('reads %j as %s', (text, expected) => {
		expect(isPlainDecimal(text)).toBe(expected);
	});

	it('reads 64 KiB of digits, with and without a trailing letter', () => {
		expect(isPlainDecimal(fill('1'))).toBe(true);
		expect(isPlainDecimal(`${fill('1')}x`)).toBe(false);
	});
});
