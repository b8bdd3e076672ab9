import './ccxt-under-jest';

import type { BinanceStub } from './binance-stub';
import { binanceBroker, intent, startStub } from './binance-fixture';

describe('Binance previewOrder (dry run)', () => {
	let stub: BinanceStub;
	beforeEach(async () => {
		stub = await startStub();
	});
	afterEach(async () => {
		await stub.close();
	});

	const orderPosts = () => stub.requests.filter((request) => request.method === 'POST' && request.path === '/api/v3/order');

	it('rounds the quantity down to the lot step as placing would, and sends no order', async () => {
		const preview = await binanceBroker(stub).previewOrder(intent({ quantity: 0.123456789, referencePrice: 30000 }));
		expect(orderPosts()).toHaveLength(0);
		expect(preview.body).toMatchObject({ type: 'market', side: 'buy', amount: 0.12345 });
	});

	it('refuses an order below the minimum notional before anything is sent', async () => {
		await expect(binanceBroker(stub).previewOrder(intent({ quantity: 0.0001, referencePrice: 30000 }))).rejects.toMatchObject({
			code: 'invalid_order',
		});
		expect(orderPosts()).toHaveLength(0);
	});
});
