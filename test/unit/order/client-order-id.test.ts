import { clientOrderIdFor } from '../../../core/order/client-order-id';

/** Binance spot's rule for newClientOrderId, the strictest of the supported brokers. */
const BINANCE_CLIENT_ORDER_ID = /^[a-zA-Z0-9-_]{1,36}$/;

describe('clientOrderIdFor', () => {
	it('gives the same id for the same scope, alert and leg', () => {
		expect(clientOrderIdFor('wf1/node1', 'alert-1', 'open')).toBe(clientOrderIdFor('wf1/node1', 'alert-1', 'open'));
	});

	it('keeps the id of a known input unchanged, so an upgrade never turns a resend into a new order', () => {
		expect(clientOrderIdFor('wf1/node1', 'alert-1', 'open')).toBe('tv-c590c57d0e025072d8fb7442b235');
	});

	it('is "tv-" and 28 lowercase hex digits: 31 characters, within Binance\'s 36 of [a-zA-Z0-9-_]', () => {
		const inputs: Array<[string, string, string]> = [
			['wf1/node1', 'alert-1', 'open'],
			['', '', ''],
			['wörkflöw/ノード', 'id with spaces and / slashes', 'close:BTC/USDT'],
			['x'.repeat(5_000), 'y'.repeat(5_000), 'target'],
		];
		for (const [scope, alertId, leg] of inputs) {
			const id = clientOrderIdFor(scope, alertId, leg);
			expect(id).toMatch(/^tv-[0-9a-f]{28}$/);
			expect(id).toHaveLength(31);
			expect(id.length).toBeLessThanOrEqual(36);
			expect(id).toMatch(BINANCE_CLIENT_ORDER_ID);
		}
	});

	it('differs by scope: the same alert at two Broker Order nodes makes two orders', () => {
		expect(clientOrderIdFor('wf1/node1', 'alert-1', 'open')).not.toBe(clientOrderIdFor('wf1/node2', 'alert-1', 'open'));
	});

	it('differs by alert id', () => {
		expect(clientOrderIdFor('wf1/node1', 'alert-1', 'open')).not.toBe(clientOrderIdFor('wf1/node1', 'alert-2', 'open'));
	});

	it('differs by leg: the close and open legs of one reversal are two orders', () => {
		const ids = ['open', 'close', 'target', 'close:AAPL'].map((leg) => clientOrderIdFor('wf1/node1', 'alert-1', leg));
		expect(new Set(ids).size).toBe(4);
	});

	it('does not confuse where one part ends and the next begins', () => {
		expect(clientOrderIdFor('wf1/node1', 'ab', 'c')).not.toBe(clientOrderIdFor('wf1/node1', 'a', 'bc'));
		expect(clientOrderIdFor('wf1/node1a', 'b', 'open')).not.toBe(clientOrderIdFor('wf1/node1', 'ab', 'open'));
	});
});
