import { brokerFor, intent, useOandaStub } from './oanda-fixture';

describe('OANDA previewOrder (dry run)', () => {
	const oanda = useOandaStub();

	it('returns the exact order body placeOrder sends, and sends no order', async () => {
		const order = intent({ symbol: 'EURUSD', side: 'sell', quantity: 100 });
		const preview = await brokerFor(oanda.stub()).previewOrder(order);
		expect(oanda.stub().orderPosts()).toHaveLength(0);
		await brokerFor(oanda.stub()).placeOrder(order);
		const [sent] = oanda.stub().orderPosts();
		expect(preview).toEqual({ method: 'POST', path: expect.stringMatching(/^\/v3\/accounts\/.+\/orders$/), body: sent.body });
	});

	it('refuses an instrument it cannot map, before anything is sent', async () => {
		await expect(brokerFor(oanda.stub()).previewOrder(intent({ symbol: 'SPX500USD' }))).rejects.toMatchObject({ code: 'invalid_order' });
		expect(oanda.stub().orderPosts()).toHaveLength(0);
	});
});
