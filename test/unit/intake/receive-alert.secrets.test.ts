import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	BLANK_SIGNAL,
	configWith,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT_ISO,
	rejectionOf,
	request,
	SECONDARY,
	type TempLedger,
} from './intake-fixture';

describe('receiveAlert: a token pasted into other fields', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	async function expectNoSecretStored(): Promise<void> {
		const rows = await ledger.listSignals();
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) {
			expect(JSON.stringify(row)).not.toContain(PRIMARY);
			expect(JSON.stringify(row)).not.toContain(SECONDARY);
		}
	}

	it('never shows the token from a comment in the alert or in the ledger', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', comment: `my token is ${PRIMARY}` })),
			configWith(),
			ledger,
		);

		const alert = acceptedAlert(result);
		expect(JSON.stringify(alert)).not.toContain(PRIMARY);
		expect(JSON.stringify(result)).not.toContain(PRIMARY);
		expect(alert.extra).toEqual({ comment: 'my token is [redacted]' });
		expect(alert.raw).toEqual({
			token: '[redacted]',
			action: 'buy',
			symbol: 'AAPL',
			comment: 'my token is [redacted]',
		});
		await expectNoSecretStored();
	});

	it('hides either token at any depth, in arrays and in keys, when the token came in the header', async () => {
		const text = json({
			action: 'buy',
			symbol: 'AAPL',
			notes: { list: ['first', `x ${SECONDARY} y`], [PRIMARY]: 1 },
		});

		const result = await receiveAlert(request(text, { headers: { 'x-webhook-token': PRIMARY } }), configWith(), ledger);

		const alert = acceptedAlert(result);
		expect(JSON.stringify(alert)).not.toContain(PRIMARY);
		expect(JSON.stringify(alert)).not.toContain(SECONDARY);
		expect(alert.extra).toEqual({ notes: { list: ['first', 'x [redacted] y'], '[redacted]': 1 } });
		await expectNoSecretStored();
	});

	it('hides a token pasted into a text body', async () => {
		const result = await receiveAlert(request(`buy 10 AAPL token=${PRIMARY} note=${SECONDARY}`), configWith(), ledger);

		const alert = acceptedAlert(result);
		expect(alert).toEqual({
			...BLANK_SIGNAL,
			alertId: alert.alertId,
			receivedAt: RECEIVED_AT_ISO,
			action: 'buy',
			side: 'buy',
			symbol: 'AAPL',
			quantity: 10,
			extra: { note: '[redacted]' },
			raw: 'buy 10 AAPL token=[redacted] note=[redacted]',
		});
		await expectNoSecretStored();
	});

	it('does not repeat a token pasted into a field that is refused', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', qty: PRIMARY })),
			configWith(),
			ledger,
		);

		const details = [{ field: 'qty', message: 'qty "[redacted]" is not a plain decimal number' }];
		expect(result.answer).toEqual({ status: 400, body: { error: 'invalid_alert', details } });
		expect(JSON.stringify(result)).not.toContain(PRIMARY);
		await expectNoSecretStored();
	});

	it('does not repeat a token pasted into another field of a stale alert', async () => {
		const result = await receiveAlert(
			request(json({ token: PRIMARY, action: 'buy', symbol: 'AAPL', note: PRIMARY, time: '2026-01-01T00:00:00Z' })),
			configWith(),
			ledger,
		);

		expect(result.answer.status).toBe(422);
		expect(JSON.stringify(rejectionOf(result))).not.toContain(PRIMARY);
		await expectNoSecretStored();
	});

	it('hides a token field written in another case from extra and raw', async () => {
		const result = await receiveAlert(
			request(json({ Token: PRIMARY, action: 'buy', symbol: 'AAPL' }), { headers: { 'x-webhook-token': PRIMARY } }),
			configWith(),
			ledger,
		);

		const alert = acceptedAlert(result);
		expect(alert.extra).toEqual({});
		expect(alert.raw).toEqual({ Token: '[redacted]', action: 'buy', symbol: 'AAPL' });
	});
});

describe('receiveAlert: prototype keys', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
		for (const key of ['polluted', 'isAdmin']) delete (Object.prototype as Record<string, unknown>)[key];
	});

	it('drops __proto__ keys at any depth without polluting Object.prototype', async () => {
		const text =
			`{"__proto__":{"polluted":"yes"},"token":"${PRIMARY}","action":"buy","symbol":"AAPL",` +
			'"nested":{"__proto__":{"polluted":"yes"},"keep":1},' +
			'"constructor":{"prototype":{"isAdmin":true}},"list":[{"__proto__":{"polluted":"yes"}}]}';

		const result = await receiveAlert(request(text), configWith(), ledger);

		const alert = acceptedAlert(result);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
		expect(alert.extra).toEqual({ nested: { keep: 1 }, list: [{}] });
		expect(Object.getPrototypeOf(alert.extra)).toBe(Object.prototype);
		expect(Object.getPrototypeOf(alert.extra.nested)).toBe(Object.prototype);
		expect(alert.raw).toEqual({
			token: '[redacted]',
			action: 'buy',
			symbol: 'AAPL',
			nested: { keep: 1 },
			list: [{}],
		});
		const output = JSON.stringify(result);
		expect(output).not.toContain('__proto__');
		expect(output).not.toContain('polluted');
		expect(output).not.toContain('isAdmin');
		const [row] = await ledger.listSignals();
		expect(row.body).toBe('{"token":"[redacted]","action":"buy","symbol":"AAPL","nested":{"keep":1},"list":[{}]}');
	});

	it('drops a __proto__ key of a text body without polluting Object.prototype', async () => {
		const result = await receiveAlert(
			request(`buy 1 AAPL token=${PRIMARY} __proto__.polluted=yes`),
			configWith(),
			ledger,
		);

		const alert = acceptedAlert(result);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(alert.extra).toEqual({});
	});
});
