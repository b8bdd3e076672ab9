import { InvalidOrderError } from '../../../core/brokers/broker-errors';
import { futuresSymbol } from '../../../core/brokers/tradovate/tradovate-symbols';
import { intent, orderBodies, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

describe('TradingView futures symbols', () => {
	it.each([
		['NQ1!', { kind: 'continuous', product: 'NQ', rank: 1 }],
		['MNQ1!', { kind: 'continuous', product: 'MNQ', rank: 1 }],
		['ES2!', { kind: 'continuous', product: 'ES', rank: 2 }],
		['6E1!', { kind: 'continuous', product: '6E', rank: 1 }],
		['ESZ2026', { kind: 'explicit', contract: 'ESZ6' }],
		['ESZ26', { kind: 'explicit', contract: 'ESZ6' }],
		['NQH6', { kind: 'explicit', contract: 'NQH6' }],
		['MNQH2027', { kind: 'explicit', contract: 'MNQH7' }],
		['M2KZ6', { kind: 'explicit', contract: 'M2KZ6' }],
		['nq1!', { kind: 'continuous', product: 'NQ', rank: 1 }],
	])('%s → %j', (symbol, expected) => {
		expect(futuresSymbol(symbol)).toEqual(expected);
	});

	it.each(['AAPL', 'BTCUSDT', 'NQ!', 'ESZ', 'ES0!', ''])('refuses %j, naming the forms it takes', (symbol) => {
		expect(() => futuresSymbol(symbol)).toThrow(InvalidOrderError);
		expect(() => futuresSymbol(symbol)).toThrow(/NQ1!.*ESZ2026/);
	});
});

describe('Tradovate contract resolution against the stub', () => {
	let stub: TradovateStub;

	beforeAll(async () => {
		stub = await startStub();
	});

	afterAll(async () => {
		await stub.close();
	});

	it.each([
		['NQ1!', 'NQZ6'],
		['MNQ1!', 'MNQZ6'],
		['ES1!', 'ESZ6'],
		['ES2!', 'ESH7'],
		['ESZ2026', 'ESZ6'],
		['NQH6', null],
		['MESH2027', 'MESH7'],
	])('%s orders contract %s', async (symbol, contract) => {
		const preview = tradovateBroker(stub).previewOrder(intent({ symbol }));
		if (contract === null) await expect(preview).rejects.toThrow(/Tradovate has no contract NQH6/);
		else expect((await preview).body).toMatchObject({ symbol: contract });
	});

	it('skips an expired maturity and asks for the product, its maturities and the contract', async () => {
		const before = stub.requests.length;
		await tradovateBroker(stub).previewOrder(intent({ symbol: 'NQ1!' }));
		const paths = stub.requests.slice(before).map((request) => `${request.path}?${new URLSearchParams(request.query).toString()}`);
		expect(paths.filter((path) => !path.startsWith('/auth') && !path.startsWith('/account'))).toEqual([
			`/product/find?name=NQ`,
			`/contractMaturity/deps?masterid=${stub.book.products.find((product) => product.name === 'NQ')?.id}`,
			`/contract/deps?masterid=${stub.book.contractNamed('NQZ6')?.contractMaturityId}`,
		]);
	});

	it('an explicit contract is read with its maturity and product, for the tick size its prices go on', async () => {
		const before = stub.requests.length;
		await tradovateBroker(stub).previewOrder(intent({ symbol: 'ESZ2026' }));
		const paths = stub.requests.slice(before).map((request) => `${request.path}?${new URLSearchParams(request.query).toString()}`);
		const contract = stub.book.contractNamed('ESZ6');
		const maturity = stub.book.maturities.find((candidate) => candidate.id === contract?.contractMaturityId);
		expect(paths.filter((path) => !path.startsWith('/auth') && !path.startsWith('/account'))).toEqual([
			'/contract/find?name=ESZ6',
			`/contractMaturity/item?id=${contract?.contractMaturityId}`,
			`/product/item?id=${maturity?.productId}`,
		]);
	});

	it('refuses an unknown product without sending an order', async () => {
		const broker = tradovateBroker(stub);
		await expect(broker.placeOrder(intent({ symbol: 'ZZ1!' }))).rejects.toThrow(/no futures product ZZ/);
		expect(orderBodies(stub)).toHaveLength(0);
	});
});
