import type { AlpacaStub } from './alpaca-stub';
import { alpacaBroker, intent, startStub } from './alpaca-fixture';

describe('Alpaca positions and account', () => {
	let stub: AlpacaStub;

	beforeEach(async () => {
		stub = await startStub({ cash: 10_000, fillPrice: 20 });
	});

	afterEach(async () => {
		await stub.close();
	});

	it('signs positions: a buy is long, a short sell is negative, with avg_entry_price as the average and Alpaca’s price and P&L', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ clientOrderId: 'tv-long', symbol: 'AAPL', quantity: 10 }));
		await broker.placeOrder(intent({ clientOrderId: 'tv-short', symbol: 'TSLA', side: 'sell', quantity: 4 }));
		stub.book.prices.set('AAPL', 21.5);
		stub.book.prices.set('TSLA', 19);

		expect(await broker.getPosition('AAPL')).toEqual({ symbol: 'AAPL', quantity: 10, averagePrice: 20, marketPrice: 21.5, unrealisedPnl: 15 });
		expect(await broker.getPosition('TSLA')).toEqual({ symbol: 'TSLA', quantity: -4, averagePrice: 20, marketPrice: 19, unrealisedPnl: 4 });
		expect(await broker.listPositions()).toEqual([
			{ symbol: 'AAPL', quantity: 10, averagePrice: 20, marketPrice: 21.5, unrealisedPnl: 15 },
			{ symbol: 'TSLA', quantity: -4, averagePrice: 20, marketPrice: 19, unrealisedPnl: 4 },
		]);
		expect(stub.requests.at(-2)?.path).toBe('/v2/positions/TSLA');
		expect(stub.requests.at(-1)?.path).toBe('/v2/positions');
	});

	it('reads a short as negative whether Alpaca writes its qty signed or unsigned', async () => {
		const broker = alpacaBroker(stub);
		stub.book.setPosition('TSLA', -7, 250.5);

		stub.book.shortQty = 'signed';
		const signed = await broker.getPosition('TSLA');
		stub.book.shortQty = 'unsigned';
		const unsigned = await broker.getPosition('TSLA');

		expect(signed).toMatchObject({ symbol: 'TSLA', quantity: -7, averagePrice: 250.5 });
		expect(unsigned).toEqual(signed);
	});

	it('a position Alpaca does not have (404 40410000) is null', async () => {
		expect(await alpacaBroker(stub).getPosition('MSFT')).toBeNull();
		expect(stub.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /v2/positions/MSFT']);
	});

	it('looks crypto positions up without the slash (BTCUSD), whichever way the symbol is written', async () => {
		const broker = alpacaBroker(stub);
		stub.book.setPosition('BTCUSD', 0.25, 61_000);

		const plain = await broker.getPosition('BTCUSD');
		const slashed = await broker.getPosition('btc/usd');

		expect(plain).toMatchObject({ symbol: 'BTCUSD', quantity: 0.25, averagePrice: 61_000 });
		expect(slashed).toEqual(plain);
		expect(stub.requests.map((request) => request.path)).toEqual(['/v2/positions/BTCUSD', '/v2/positions/BTCUSD']);
	});

	it('reads the account: cash, equity and buying power as numbers, currency, no realised P&L', async () => {
		const broker = alpacaBroker(stub);
		await broker.placeOrder(intent({ quantity: 100 }));
		stub.book.prices.set('AAPL', 25);

		expect(await broker.getAccount()).toEqual({ currency: 'USD', cash: 8000, equity: 10_500, buyingPower: 16_000, realisedPnl: null });
		expect(stub.requests.at(-1)?.path).toBe('/v2/account');
	});
});
