import { InvalidOrderError, OrderNotFoundError } from '../broker-errors';
import { errorDetails } from '../base/error-details';
import type { TradovateApi } from './tradovate-api';
import { CONTRACT_CACHE_MS, TRADOVATE } from './tradovate-description';
import { parseContract, parseMaturities, parseMaturityProductId, parseProduct, type ResolvedContract, type TradovateProduct } from './tradovate-entities';
import type { TradovateSession } from './tradovate-session';
import { futuresSymbol } from './tradovate-symbols';

/*
 * A TradingView symbol → the Tradovate contract an order names:
 *
 *   ESZ2026 → GET /contract/find?name=ESZ6, then its product for the tick size:
 *             GET /contractMaturity/item?id=<its maturity>, GET /product/item?id=<product id>
 *   NQ1!    → GET /product/find?name=NQ, GET /contractMaturity/deps?masterid=<product id> (the
 *             maturities not yet expired, by expiry; rank 1 is the one Tradovate marks isFront),
 *             GET /contract/deps?masterid=<maturity id>
 *
 * Resolved contracts are kept for CONTRACT_CACHE_MS, so a roll is picked up within the hour.
 */

export async function resolveContract(api: TradovateApi, session: TradovateSession, symbol: string): Promise<ResolvedContract> {
	const key = symbol.trim().toUpperCase();
	const cached = session.contracts.get(key);
	if (cached !== undefined && session.now() - cached.at < CONTRACT_CACHE_MS) return cached.contract;
	const parsed = futuresSymbol(key);
	const contract = parsed.kind === 'explicit' ? await findContract(api, parsed.contract, key) : await frontContract(api, session, parsed.product, parsed.rank, key);
	session.contracts.set(key, { contract, at: session.now() });
	session.contractNames.set(contract.id, contract.name);
	return contract;
}

/** A contract's name by its id (orders and positions carry only the id). */
export async function contractName(api: TradovateApi, session: TradovateSession, id: number): Promise<string> {
	const known = session.contractNames.get(id);
	if (known !== undefined) return known;
	const contract = await api.read('GET', '/contract/item', parseContract, { query: { id } });
	session.contractNames.set(id, contract.name);
	return contract.name;
}

async function findContract(api: TradovateApi, name: string, symbol: string): Promise<ResolvedContract> {
	const found = await notFoundAsNull(api.read('GET', '/contract/find', orNull(parseContract), { query: { name } }));
	if (found === null) throw unknown(`Tradovate has no contract ${name} (from ${symbol})`);
	if (found.contractMaturityId === undefined) throw unknown(`Tradovate's contract ${found.name} names no contract maturity (from ${symbol})`);
	const productId = await api.read('GET', '/contractMaturity/item', parseMaturityProductId, { query: { id: found.contractMaturityId } });
	const product = await api.read('GET', '/product/item', parseProduct, { query: { id: productId } });
	return { ...found, tickSize: product.tickSize };
}

async function frontContract(api: TradovateApi, session: TradovateSession, product: string, rank: number, symbol: string): Promise<ResolvedContract> {
	const found: TradovateProduct | null = await notFoundAsNull(api.read('GET', '/product/find', orNull(parseProduct), { query: { name: product } }));
	if (found === null) throw unknown(`Tradovate has no futures product ${product} (from ${symbol})`);
	const productId = found.id;
	const now = session.now();
	const open = (await api.read('GET', '/contractMaturity/deps', parseMaturities, { query: { masterid: productId } }))
		.filter((maturity) => maturity.expiresAt > now)
		.sort((a, b) => a.expiresAt - b.expiresAt);
	const frontIndex = Math.max(0, open.findIndex((maturity) => maturity.isFront));
	const maturity = open[frontIndex + rank - 1];
	if (maturity === undefined) throw unknown(`Tradovate lists no ${rank === 1 ? 'front' : `number ${rank}`} contract of ${product} (from ${symbol})`);
	const [contract] = await api.read('GET', '/contract/deps', (body) => (Array.isArray(body) ? body.map(parseContract) : [parseContract(body)]), {
		query: { masterid: maturity.id },
	});
	if (contract === undefined) throw unknown(`Tradovate lists no contract for the ${product} maturity ${maturity.id} (from ${symbol})`);
	return { ...contract, tickSize: found.tickSize };
}

/** A find answers an unknown name with 404 or with an empty body: both are "none". */
const orNull =
	<T>(parse: (body: unknown) => T) =>
	(body: unknown): T | null =>
		body === null || body === '' ? null : parse(body);

async function notFoundAsNull<T>(request: Promise<T>): Promise<T | null> {
	try {
		return await request;
	} catch (error) {
		if (error instanceof OrderNotFoundError) return null;
		throw error;
	}
}

const unknown = (message: string) => new InvalidOrderError(message, errorDetails(TRADOVATE.id));
