import { MAX_BODY_BYTES } from '../../../core/intake/intake-settings';
import { receiveAlert } from '../../../core/intake/receive-alert';
import type { SqliteSignalLedger } from '../../../core/ledger/sqlite/sqlite-signal-ledger';
import {
	acceptedAlert,
	configWith,
	json,
	openTempLedger,
	PRIMARY,
	RECEIVED_AT_ISO,
	rejectionOf,
	request,
	SCOPE,
	type TempLedger,
} from './intake-fixture';

const TRADINGVIEW_IP = '52.89.214.238';
const STRANGER_IP = '203.0.113.9';
const PROXY_IP = '10.0.0.2';

/** A JSON alert with the token padded by a `note` field to exactly `bytes` UTF-8 bytes. */
function paddedBody(bytes: number, fill = 'x'): string {
	const prefix = `{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","note":"`;
	const suffix = '"}';
	const room = bytes - Buffer.byteLength(prefix + suffix);
	const fillBytes = Buffer.byteLength(fill);
	if (room % fillBytes !== 0) throw new Error(`cannot pad to ${bytes} bytes with ${JSON.stringify(fill)}`);
	const text = prefix + fill.repeat(room / fillBytes) + suffix;
	if (Buffer.byteLength(text) !== bytes) throw new Error('padding is off');
	return text;
}

describe('receiveAlert: 403 forbidden source addresses', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	const restricted = (trustedProxies = PROXY_IP) =>
		configWith({ restrictSourceIps: true, allowedIps: `${TRADINGVIEW_IP}, 34.212.75.30`, trustedProxies });
	const text = json({ token: PRIMARY, action: 'buy', symbol: 'AAPL' });
	const redactedText = '{"token":"[redacted]","action":"buy","symbol":"AAPL"}';

	it('refuses a socket address that is not allowed, even with the right token, and records it', async () => {
		const result = await receiveAlert(request(text, { remoteAddress: STRANGER_IP }), restricted(), ledger);

		const details = [{ field: 'sourceIp', message: `${STRANGER_IP} is not allowed` }];
		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 403, body: { error: 'forbidden' } },
			rejection: {
				reason: 'forbidden',
				status: 403,
				details,
				alertId: null,
				sourceIp: STRANGER_IP,
				receivedAt: RECEIVED_AT_ISO,
				body: redactedText,
			},
		});
		expect(await ledger.listSignals()).toEqual([
			{
				id: 1,
				receivedAt: RECEIVED_AT_ISO,
				scope: SCOPE,
				sourceIp: STRANGER_IP,
				outcome: 'rejected',
				httpStatus: 403,
				reason: 'forbidden',
				alertId: null,
				body: redactedText,
				details,
			},
		]);
	});

	it('accepts an allowed socket address, also in its IPv4-mapped IPv6 form', async () => {
		const config = restricted();

		const direct = await receiveAlert(request(text, { remoteAddress: TRADINGVIEW_IP }), config, ledger);
		const mapped = await receiveAlert(
			request(json({ token: PRIMARY, action: 'sell', symbol: 'AAPL' }), { remoteAddress: `::ffff:${TRADINGVIEW_IP}` }),
			config,
			ledger,
		);

		expect(direct.outcome).toBe('accepted');
		expect(mapped.outcome).toBe('accepted');
		expect((await ledger.listSignals()).map((row) => row.sourceIp)).toEqual([TRADINGVIEW_IP, TRADINGVIEW_IP]);
	});

	it('accepts an allowed X-Forwarded-For address when the socket peer is a trusted proxy', async () => {
		const result = await receiveAlert(
			request(text, { remoteAddress: PROXY_IP, headers: { 'x-forwarded-for': TRADINGVIEW_IP } }),
			restricted(),
			ledger,
		);

		expect(acceptedAlert(result)).toMatchObject({ action: 'buy', symbol: 'AAPL' });
		expect((await ledger.listSignals()).map((row) => row.sourceIp)).toEqual([TRADINGVIEW_IP]);
	});

	it('refuses an allowed X-Forwarded-For address sent by a peer that is not a trusted proxy', async () => {
		const result = await receiveAlert(
			request(text, { remoteAddress: STRANGER_IP, headers: { 'x-forwarded-for': TRADINGVIEW_IP } }),
			restricted(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 403, body: { error: 'forbidden' } });
		expect(rejectionOf(result).sourceIp).toBe(STRANGER_IP);
		expect((await ledger.listSignals()).map((row) => [row.outcome, row.httpStatus, row.sourceIp])).toEqual([
			['rejected', 403, STRANGER_IP],
		]);
	});

	it('refuses X-Forwarded-For when no proxy is trusted, even from a local peer', async () => {
		const result = await receiveAlert(
			request(text, { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': TRADINGVIEW_IP } }),
			restricted(''),
			ledger,
		);

		expect(result.answer).toEqual({ status: 403, body: { error: 'forbidden' } });
		expect(rejectionOf(result).sourceIp).toBe('127.0.0.1');
	});

	it('refuses an allowed address the client put in front of its own in X-Forwarded-For', async () => {
		const result = await receiveAlert(
			request(text, { remoteAddress: PROXY_IP, headers: { 'x-forwarded-for': `${TRADINGVIEW_IP}, ${STRANGER_IP}` } }),
			restricted(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 403, body: { error: 'forbidden' } });
		expect(rejectionOf(result)).toMatchObject({
			sourceIp: STRANGER_IP,
			details: [{ field: 'sourceIp', message: `${STRANGER_IP} is not allowed` }],
		});
	});

	it('refuses a request whose socket address is unknown', async () => {
		const result = await receiveAlert(request(text, { remoteAddress: undefined }), restricted(), ledger);

		expect(result.answer).toEqual({ status: 403, body: { error: 'forbidden' } });
		expect(rejectionOf(result)).toMatchObject({
			sourceIp: null,
			details: [{ field: 'sourceIp', message: 'unknown is not allowed' }],
		});
	});

	it('checks the address before the token', async () => {
		const result = await receiveAlert(
			request(json({ action: 'buy', symbol: 'AAPL' }), { remoteAddress: STRANGER_IP }),
			restricted(),
			ledger,
		);

		expect(result.answer).toEqual({ status: 403, body: { error: 'forbidden' } });
	});

	it('does not store the content of an oversized body from a forbidden address', async () => {
		const text70k = paddedBody(70_000);

		const result = await receiveAlert(request(text70k, { remoteAddress: STRANGER_IP }), restricted(), ledger);

		expect(result.answer).toEqual({ status: 403, body: { error: 'forbidden' } });
		const stored = (await ledger.listSignals()).map((row) => row.body);
		expect(stored).toHaveLength(1);
		// The 413 path stores a placeholder for the same body; an unknown source must not get more.
		expect(Buffer.byteLength(stored[0])).toBeLessThanOrEqual(MAX_BODY_BYTES);
		expect(Buffer.byteLength(JSON.stringify(rejectionOf(result).body))).toBeLessThanOrEqual(MAX_BODY_BYTES);
	});
});

describe('receiveAlert: 413 payload too large', () => {
	let temp: TempLedger;
	let ledger: SqliteSignalLedger;

	beforeEach(() => {
		temp = openTempLedger();
		ledger = temp.ledger;
	});

	afterEach(async () => {
		await temp.dispose();
	});

	it('refuses a 70 000-byte body and stores a placeholder instead of its content', async () => {
		const placeholder = '[70000 bytes, over the 65536-byte limit: not stored]';
		const details = [{ field: 'body', message: 'the body has 70000 bytes; at most 65536 are accepted' }];

		const result = await receiveAlert(request(paddedBody(70_000)), configWith(), ledger);

		expect(result).toEqual({
			outcome: 'rejected',
			answer: { status: 413, body: { error: 'payload_too_large', maxBytes: 65536 } },
			rejection: {
				reason: 'payload_too_large',
				status: 413,
				details,
				alertId: null,
				sourceIp: '127.0.0.1',
				receivedAt: RECEIVED_AT_ISO,
				body: placeholder,
			},
		});
		expect(await ledger.listSignals()).toEqual([
			{
				id: 1,
				receivedAt: RECEIVED_AT_ISO,
				scope: SCOPE,
				sourceIp: '127.0.0.1',
				outcome: 'rejected',
				httpStatus: 413,
				reason: 'payload_too_large',
				alertId: null,
				body: placeholder,
				details,
			},
		]);
	});

	it('counts bytes, not characters', async () => {
		// 3-byte characters: about 22 000 characters but 66 000 bytes.
		const text = paddedBody(66_000 + Buffer.byteLength(`{"token":"${PRIMARY}","action":"buy","symbol":"AAPL","note":""}`), '€');
		expect(text.length).toBeLessThan(MAX_BODY_BYTES);

		const result = await receiveAlert(request(text), configWith(), ledger);

		expect(result.answer).toEqual({ status: 413, body: { error: 'payload_too_large', maxBytes: 65536 } });
	});

	it('accepts a body of exactly 65 536 bytes', async () => {
		const result = await receiveAlert(request(paddedBody(MAX_BODY_BYTES)), configWith(), ledger);

		expect(result.outcome).toBe('accepted');
	});

	it('refuses a body of 65 537 bytes', async () => {
		const result = await receiveAlert(request(paddedBody(MAX_BODY_BYTES + 1)), configWith(), ledger);

		expect(result.answer).toEqual({ status: 413, body: { error: 'payload_too_large', maxBytes: 65536 } });
	});

	it('checks the size before the token', async () => {
		const tokenless = `{"action":"buy","symbol":"AAPL","note":"${'x'.repeat(70_000)}"}`;

		const result = await receiveAlert(request(tokenless), configWith(), ledger);

		expect(result.answer).toEqual({ status: 413, body: { error: 'payload_too_large', maxBytes: 65536 } });
	});
});
