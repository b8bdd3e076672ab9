import { DuplicateClientOrderIdError } from '../../../core/brokers/broker-errors';
import { placeOnce } from '../../../core/order/place-once';
import { CLIENT_ID, CREDENTIAL, intent, orderBodies, placeContext, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

let stub: TradovateStub;

beforeEach(async () => {
	stub = await startStub();
});

afterEach(async () => {
	await stub.close();
});

describe('Tradovate: one order per client order id', () => {
	it('the stub, like Tradovate, takes a reused clOrdId: two orders (why the adapter reads back first)', async () => {
		const body = (await tradovateBroker(stub).previewOrder(intent())).body;
		const token = (await (await fetch(`${stub.baseUrl}/auth/accesstokenrequest`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: CREDENTIAL.username, password: CREDENTIAL.password, appId: CREDENTIAL.appId, appVersion: CREDENTIAL.appVersion, cid: CREDENTIAL.cid, sec: CREDENTIAL.secret }),
		})).json()) as { accessToken: string };
		for (let i = 0; i < 2; i++) {
			const answer = await fetch(`${stub.baseUrl}/order/placeorder`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', authorization: `Bearer ${token.accessToken}` },
				body: JSON.stringify(body),
			});
			expect(answer.status).toBe(200);
		}
		expect(stub.ordersWith(CLIENT_ID)).toHaveLength(2);
	});

	it('reads the client order id back before placing: a second placeOrder is a DuplicateClientOrderIdError, not a second order', async () => {
		const broker = tradovateBroker(stub);
		const first = await broker.placeOrder(intent());
		await expect(broker.placeOrder(intent())).rejects.toThrow(DuplicateClientOrderIdError);
		expect(stub.ordersWith(CLIENT_ID)).toHaveLength(1);
		expect(await broker.getOrderByClientId(CLIENT_ID)).toEqual(first);
	});

	it('getOrderByClientId answers null for an id Tradovate has never seen', async () => {
		expect(await tradovateBroker(stub).getOrderByClientId('tv-never-placed')).toBeNull();
	});

	it('finds the order whose answer was lost, and place-once ends with that one order', async () => {
		const broker = tradovateBroker(stub);
		stub.takeThenFail(503);
		const placed = await placeOnce(intent(), placeContext(broker));
		expect(placed.order).toMatchObject({ clientOrderId: CLIENT_ID, status: 'filled' });
		expect(placed.order.brokerOrderId).toBe(String(stub.ordersWith(CLIENT_ID)[0].id));
		expect(stub.ordersWith(CLIENT_ID)).toHaveLength(1);
		expect(orderBodies(stub)).toHaveLength(1);
	});

	it('retries a 503 that did not take the order, with the same clOrdId, once read back as absent', async () => {
		stub.failNext(1, 503, 'Service Unavailable', { method: 'POST', path: '/order/placeorder' });
		const placed = await placeOnce(intent(), placeContext(tradovateBroker(stub)));
		expect(placed.attempts).toBe(2);
		expect(orderBodies(stub).map((body) => body.clOrdId)).toEqual([CLIENT_ID, CLIENT_ID]);
		expect(stub.ordersWith(CLIENT_ID)).toHaveLength(1);
	});

	it('a resend of the same intent (a second execution) places nothing new', async () => {
		const first = await placeOnce(intent(), placeContext(tradovateBroker(stub)));
		const again = await placeOnce(intent(), placeContext(tradovateBroker(stub)));
		expect(again).toMatchObject({ alreadyPlaced: true, order: { brokerOrderId: first.order.brokerOrderId } });
		expect(stub.ordersWith(CLIENT_ID)).toHaveLength(1);
	});
});
