import { asFields, asList, decimalField, type Fields, optionalDecimalField, optionalTextField, PayloadError, textField } from '../base/payload';

// Readers for the entities Tradovate answers with; a sample above each. Ids are JSON numbers.

export function idField(fields: Fields, name: string): number {
	const value = fields[name];
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new PayloadError(`${name} is not an id`);
	return value;
}

/** {"id":2665267,"name":"ESZ6","contractMaturityId":51233} */
export interface TradovateContract {
	id: number;
	name: string;
	/** Absent where an answer leaves it out (a contract read by id for its name only). */
	contractMaturityId?: number;
}

export function parseContract(body: unknown): TradovateContract {
	const fields = asFields(body, 'contract');
	const maturity = fields.contractMaturityId;
	return {
		id: idField(fields, 'id'),
		name: textField(fields, 'name'),
		...(typeof maturity === 'number' && Number.isSafeInteger(maturity) ? { contractMaturityId: maturity } : {}),
	};
}

/** {"id":5, "name":"NQ", "productType":"Futures", "valuePerPoint":20, "tickSize":0.25, …} */
export interface TradovateProduct {
	id: number;
	/** The price increment of the product's contracts: every price sent is a multiple of it. */
	tickSize: number;
}

export function parseProduct(body: unknown): TradovateProduct {
	const fields = asFields(body, 'product');
	const tickSize = decimalField(fields, 'tickSize');
	if (!(tickSize > 0)) throw new PayloadError('tickSize is not above 0');
	return { id: idField(fields, 'id'), tickSize };
}

/** The contract an order names, with its product's tick size (prices are sent on the tick). */
export interface ResolvedContract extends TradovateContract {
	tickSize: number;
}

/** {"id":51233,"productId":5,"expirationMonth":202612,…}: the product a maturity belongs to. */
export function parseMaturityProductId(body: unknown): number {
	return idField(asFields(body, 'contract maturity'), 'productId');
}

/** [{"id":51233,"productId":5,"expirationMonth":202612,"expirationDate":"2026-12-18T14:30:00Z","isFront":true}] */
export interface TradovateMaturity {
	id: number;
	expiresAt: number;
	isFront: boolean;
}

export function parseMaturities(body: unknown): TradovateMaturity[] {
	return asList(body, 'contract maturities').map((item) => {
		const fields = asFields(item, 'contract maturity');
		const expiresAt = Date.parse(textField(fields, 'expirationDate'));
		if (!Number.isFinite(expiresAt)) throw new PayloadError('expirationDate is not a date');
		return { id: idField(fields, 'id'), expiresAt, isFront: fields.isFront === true };
	});
}

/** [{"id":37,"name":"DEMO1234567","userId":7,"accountType":"Customer","active":true,…}] */
export interface TradovateAccount {
	id: number;
	name: string;
	active: boolean;
}

export function parseAccounts(body: unknown): TradovateAccount[] {
	return asList(body, 'account list').map((item) => {
		const fields = asFields(item, 'account');
		return { id: idField(fields, 'id'), name: textField(fields, 'name'), active: fields.active !== false };
	});
}

/** {"id":901,"accountId":37,"contractId":2665267,"timestamp":"…","action":"Buy","ordStatus":"Working"} */
export interface TradovateOrderEntity {
	id: number;
	accountId: number;
	contractId: number;
	timestamp: string;
	action: 'Buy' | 'Sell';
	ordStatus: string;
}

export function parseOrderEntity(body: unknown): TradovateOrderEntity {
	const fields = asFields(body, 'order');
	const action = textField(fields, 'action');
	if (action !== 'Buy' && action !== 'Sell') throw new PayloadError(`action is not Buy or Sell: ${action.slice(0, 20)}`);
	return {
		id: idField(fields, 'id'),
		accountId: idField(fields, 'accountId'),
		contractId: idField(fields, 'contractId'),
		timestamp: textField(fields, 'timestamp'),
		action,
		ordStatus: textField(fields, 'ordStatus'),
	};
}

export function parseOrderEntities(body: unknown): TradovateOrderEntity[] {
	return asList(body, 'order list').map(parseOrderEntity);
}

/** [{"id":77,"orderId":901,"orderQty":2,"orderType":"Limit","price":21000.25,"timeInForce":"Day"}] */
export interface TradovateOrderVersion {
	id: number;
	orderQty: number;
	orderType: string;
	price: number | null;
	stopPrice: number | null;
}

export function parseOrderVersions(body: unknown): TradovateOrderVersion[] {
	return asList(body, 'order versions').map((item) => {
		const fields = asFields(item, 'order version');
		return {
			id: idField(fields, 'id'),
			orderQty: decimalField(fields, 'orderQty'),
			orderType: textField(fields, 'orderType'),
			price: optionalDecimalField(fields, 'price'),
			stopPrice: optionalDecimalField(fields, 'stopPrice'),
		};
	});
}

/** [{"id":12,"orderId":901,"contractId":2665267,"action":"Buy","qty":2,"price":21000.25,"active":true}] */
export interface TradovateFill {
	qty: number;
	price: number;
	active: boolean;
}

export function parseFills(body: unknown): TradovateFill[] {
	return asList(body, 'fills').map((item) => {
		const fields = asFields(item, 'fill');
		return { qty: decimalField(fields, 'qty'), price: decimalField(fields, 'price'), active: fields.active !== false };
	});
}

/** [{"id":3,"accountId":37,"contractId":2665267,"netPos":-2,"netPrice":21010.5,"bought":0,"sold":2,…}] */
export interface TradovatePositionEntity {
	accountId: number;
	contractId: number;
	netPos: number;
	netPrice: number | null;
}

export function parsePositions(body: unknown): TradovatePositionEntity[] {
	return asList(body, 'position list').map((item) => {
		const fields = asFields(item, 'position');
		return {
			accountId: idField(fields, 'accountId'),
			contractId: idField(fields, 'contractId'),
			netPos: decimalField(fields, 'netPos'),
			netPrice: optionalDecimalField(fields, 'netPrice'),
		};
	});
}

/** [{"id":55,"orderId":901,"clOrdId":"tv-…","commandType":"New","commandStatus":"RiskPassed","timestamp":"…"}] */
export interface TradovateCommand {
	id: number;
	orderId: number;
	clOrdId: string | null;
	commandType: string;
}

export function parseCommands(body: unknown): TradovateCommand[] {
	return asList(body, 'command list').map((item) => {
		const fields = asFields(item, 'command');
		return { id: idField(fields, 'id'), orderId: idField(fields, 'orderId'), clOrdId: optionalTextField(fields, 'clOrdId'), commandType: textField(fields, 'commandType') };
	});
}

/** {"totalCashValue":50000,"netLiq":50120.5,"initialMargin":1200,"realizedPnL":85.5,…} */
export interface TradovateCashSnapshot {
	totalCashValue: number;
	netLiq: number;
	initialMargin: number;
	realizedPnL: number | null;
}

export function parseCashSnapshot(body: unknown): TradovateCashSnapshot {
	const fields = asFields(body, 'cash balance snapshot');
	const totalCashValue = decimalField(fields, 'totalCashValue');
	return {
		totalCashValue,
		netLiq: optionalDecimalField(fields, 'netLiq') ?? totalCashValue,
		initialMargin: optionalDecimalField(fields, 'initialMargin') ?? 0,
		realizedPnL: optionalDecimalField(fields, 'realizedPnL'),
	};
}

/** placeOrder / placeOSO: {"orderId":901} (placeOSO also "oso1Id", "oso2Id"). */
export function parsePlacedOrderId(body: unknown): number {
	return idField(asFields(body, 'order answer'), 'orderId');
}
