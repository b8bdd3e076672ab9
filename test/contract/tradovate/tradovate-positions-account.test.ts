import { intent, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

let stub: TradovateStub;

beforeEach(async () => {
	stub = await startStub({ fillPrice: 21_000, cash: 50_000 });
});

afterEach(async () => {
	await stub.close();
});

describe('Tradovate positions and account', () => {
	it('reports the net position per contract, signed, by the contract the symbol resolves to', async () => {
		const broker = tradovateBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-long', quantity: 3 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-short', symbol: 'ES1!', side: 'sell', quantity: 1 }));
		expect(await broker.getPosition('NQ1!')).toEqual({ symbol: 'NQZ6', quantity: 3, averagePrice: 21_000 });
		expect(await broker.getPosition('NQZ2026')).toEqual({ symbol: 'NQZ6', quantity: 3, averagePrice: 21_000 });
		expect(await broker.getPosition('ES1!')).toEqual({ symbol: 'ESZ6', quantity: -1, averagePrice: 21_000 });
		expect(await broker.getPosition('MNQ1!')).toBeNull();
		expect((await broker.listPositions()).sort((a, b) => a.symbol.localeCompare(b.symbol))).toEqual([
			{ symbol: 'ESZ6', quantity: -1, averagePrice: 21_000 },
			{ symbol: 'NQZ6', quantity: 3, averagePrice: 21_000 },
		]);
	});

	it('flattens with a closing market order that can be read back by its client order id', async () => {
		const broker = tradovateBroker(stub);
		await broker.placeOrder(intent({ quantity: 2 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-flat', side: 'sell', quantity: 2, reduceOnly: true }));
		expect(await broker.listPositions()).toEqual([]);
		expect(await broker.getOrderByClientId('tv-flat')).toMatchObject({ status: 'filled', side: 'sell', quantity: 2 });
		expect(stub.count('POST', '/order/liquidateposition')).toBe(0);
	});

	it('reads the account from the cash balance snapshot, in USD', async () => {
		expect(await tradovateBroker(stub).getAccount()).toEqual({ currency: 'USD', cash: 50_000, equity: 50_120.5, buyingPower: 48_920.5, realisedPnl: 85.5 });
		expect(stub.requests.find((request) => request.path === '/cashBalance/getcashbalancesnapshot')?.body).toEqual({ accountId: 37 });
	});
});
