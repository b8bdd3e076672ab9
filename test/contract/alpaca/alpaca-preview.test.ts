import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, intent, startStub } from './alpaca-fixture';

describe('Alpaca previewOrder (dry run)', () => {
	let stub: AlpacaStub;
	beforeEach(async () => {
		stub = await startStub();
	});
	afterEach(async () => {
		await stub.close();
	});

	it('returns the exact POST /v2/orders body placeOrder sends, and sends no order', async () => {
		const broker = alpacaBroker(stub);
		const order = intent({ type: 'limit', limitPrice: 101.5, quantity: 3 });
		const preview = await broker.previewOrder(order);
		expect(stub.count('POST', '/v2/orders')).toBe(0);
		await broker.placeOrder(order);
		const [sent] = stub.requests.filter((request) => request.method === 'POST' && request.path === '/v2/orders');
		expect(preview).toEqual({ method: 'POST', path: '/v2/orders', body: sent.body });
	});

	it('refuses what placeOrder would refuse, before anything is sent', async () => {
		await expect(alpacaBroker(stub).previewOrder(intent({ symbol: 'BTCUSD', timeInForce: 'day' }))).rejects.toMatchObject({
			code: 'invalid_order',
		});
		expect(stub.count('POST', '/v2/orders')).toBe(0);
	});
});
