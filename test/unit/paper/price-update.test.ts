import { priceUpdateSchema, takesPriceUpdates, updatePrice } from '../../../core/order/price-update';
import { FakeBroker } from '../order/fake-broker';
import { paperIntent } from '../../support/paper';
import { PaperFixture } from './paper-fixture';

describe('Price Update', () => {
	let fixture: PaperFixture;

	beforeEach(() => {
		fixture = new PaperFixture();
	});

	afterEach(() => fixture.remove());

	it('reads the symbol and the price as the node\'s expressions give them, naming a missing or wrong field', () => {
		expect(priceUpdateSchema.parse({ symbol: ' AAPL ', price: ' 101.5 ' })).toEqual({ symbol: 'AAPL', price: 101.5 });
		const issues = (raw: object) => {
			const parsed = priceUpdateSchema.safeParse(raw);
			return parsed.success ? null : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
		};
		expect(issues({ symbol: '', price: null })).toEqual(['symbol: is required', 'price: is required']);
		expect(issues({ symbol: 'AAPL', price: '0' })).toEqual(['price: must be greater than 0']);
		expect(issues({ symbol: 'AAPL', price: 'abc' })).toEqual(['price: must be a number']);
	});

	it('feeds the price to the Paper broker and returns what filled and what is still open', async () => {
		const broker = fixture.broker();
		await broker.placeOrder(paperIntent({ clientOrderId: 'e', referencePrice: 100, takeProfitPrice: 110, trailingStop: { amount: 5, percent: null } }));

		const higher = await updatePrice(broker, { symbol: 'AAPL', price: 104 });
		expect(higher.filled).toEqual([]);
		expect(higher.openOrders.map((order) => [order.clientOrderId, order.limitPrice ?? order.stopPrice])).toEqual([
			['e/tp', 110],
			['e/trail:5', 99],
		]);

		const crossed = await updatePrice(broker, { symbol: 'AAPL', price: 110.5 });
		expect(crossed).toMatchObject({ symbol: 'AAPL', price: 110.5, openOrders: [] });
		expect(crossed.filled).toEqual([expect.objectContaining({ clientOrderId: 'e/tp', averageFillPrice: 110.5 })]);
	});

	it('is for brokers that take prices from outside only', async () => {
		expect(takesPriceUpdates(fixture.broker())).toBe(true);
		expect(takesPriceUpdates(new FakeBroker())).toBe(false);
		await expect(updatePrice(new FakeBroker(), { symbol: 'AAPL', price: 1 })).rejects.toThrow('fake has its own prices: Price Update is for the Paper broker');
	});
});
