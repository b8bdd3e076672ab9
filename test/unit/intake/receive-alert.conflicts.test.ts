import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	configWith,
	json,
	openTempLedger,
	PRIMARY,
	rejectionOf,
	request,
	SECONDARY,
	type TempLedger,
	WRONG,
} from './intake-fixture';

const conflicting = (details: Array<{ field: string; message: string }>) => ({
	status: 400,
	body: { error: 'conflicting_fields', details },
});

describe('receiveAlert: 400 conflicting fields', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	it('refuses a sentence whose action a pair contradicts, and records the reason', async () => {
		const result = await receiveAlert(request(`buy 10 AAPL action=sell token=${PRIMARY}`), configWith(), ledger);

		const details = [{ field: 'action', message: `action "sell" contradicts the sentence's action "buy"` }];
		expect(result.answer).toEqual(conflicting(details));
		expect(rejectionOf(result)).toMatchObject({ reason: 'conflicting_fields', status: 400, details });
		expect(await ledger.listSignals()).toMatchObject([
			{ outcome: 'rejected', httpStatus: 400, reason: 'conflicting_fields', details },
		]);
	});

	it('refuses a sentence whose quantity a pair contradicts', async () => {
		const result = await receiveAlert(request(`buy 10 AAPL qty=1000 token=${PRIMARY}`), configWith(), ledger);

		expect(result.answer).toEqual(
			conflicting([{ field: 'qty', message: `qty "1000" contradicts the sentence's quantity "10"` }]),
		);
	});

	it('accepts a pair that repeats what the sentence says', async () => {
		const result = await receiveAlert(request(`buy 10 AAPL qty=10 token=${PRIMARY}`), configWith(), ledger);

		expect(acceptedAlert(result)).toMatchObject({ action: 'buy', symbol: 'AAPL', quantity: 10 });
	});

	it('refuses a JSON key given twice with different values, naming both', async () => {
		const text = `{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","action":"sell"}`;

		const result = await receiveAlert(request(text), configWith(), ledger);

		expect(result.answer).toEqual(
			conflicting([{ field: 'action', message: 'action is given twice with different values: "buy" and "sell"' }]),
		);
	});

	it('refuses a nested JSON key given twice, naming its path', async () => {
		const text = `{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","takeProfit":{"percent":1,"percent":10}}`;

		const result = await receiveAlert(request(text), configWith(), ledger);

		expect(result.answer).toEqual(
			conflicting([{ field: 'takeProfit.percent', message: 'takeProfit.percent is given twice with different values: 1 and 10' }]),
		);
	});

	it('accepts a JSON key given twice with the same value', async () => {
		const text = `{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","qty":"5","qty":5}`;

		const result = await receiveAlert(request(text), configWith(), ledger);

		expect(acceptedAlert(result)).toMatchObject({ action: 'buy', quantity: 5 });
	});

	it('refuses two aliases of one field with different values', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', quantity: 10, qty: 1000 })),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual(conflicting([{ field: 'qty', message: 'qty 1000 contradicts quantity 10' }]));
		expect(await ledger.listSignals()).toMatchObject([{ httpStatus: 400, reason: 'conflicting_fields' }]);
	});

	it('refuses symbol and ticker that disagree', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', ticker: 'MSFT' })),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual(conflicting([{ field: 'ticker', message: 'ticker "MSFT" contradicts symbol "AAPL"' }]));
	});

	it('answers 401 to a token field given twice, once wrong, in either order', async () => {
		for (const [first, second] of [
			[PRIMARY, WRONG],
			[WRONG, PRIMARY],
		]) {
			const result = await receiveAlert(
				request(`{"token":"${first}","action":"buy","symbol":"AAPL","token":"${second}"}`),
				configWith(),
				ledger,
			);

			expect(result.answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
			expect(JSON.stringify(result)).not.toContain(WRONG);
		}
	});

	it('refuses a token field given twice with both tokens without showing either', async () => {
		const result = await receiveAlert(
			request(`{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","token":"${SECONDARY}"}`),
			configWith(),
			ledger,
		);

		expect(result.answer).toEqual(conflicting([{ field: 'token', message: 'token is given twice with different values' }]));
		expect(JSON.stringify(result)).not.toContain(PRIMARY);
		expect(JSON.stringify(result)).not.toContain(SECONDARY);
		expect(JSON.stringify(await ledger.listSignals())).not.toContain(SECONDARY);
	});

	it('redacts a token pasted into a conflicting value before it is cut short', async () => {
		const text = `{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","note":"${'x'.repeat(30)}${PRIMARY}","note":"b"}`;

		const result = await receiveAlert(request(text), configWith(), ledger);

		expect(result.answer).toEqual(
			conflicting([
				{
					field: 'note',
					message: `note is given twice with different values: "${'x'.repeat(30)}[redacted]" and "b"`,
				},
			]),
		);
		expect(JSON.stringify(result)).not.toContain(PRIMARY.slice(0, 8));
	});
});
