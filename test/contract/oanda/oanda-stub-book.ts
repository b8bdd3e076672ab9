// The stub's account: orders, transactions and positions, kept the way OANDA keeps them
// (transaction ids shared by every event, orders created by transactions, netting positions).

export type Json = Record<string, unknown>;
export type StubOrderType = 'MARKET' | 'LIMIT' | 'STOP' | 'TAKE_PROFIT' | 'STOP_LOSS' | 'TRAILING_STOP_LOSS';
export type StubOrderState = 'PENDING' | 'FILLED' | 'CANCELLED';

export interface StubOrder {
	id: string;
	createTime: string;
	type: StubOrderType;
	state: StubOrderState;
	instrument: string;
	/** Entry orders only; dependent orders close their trade. */
	units?: string;
	price?: string;
	priceBound?: string;
	timeInForce: string;
	positionFill?: string;
	clientExtensions?: { id: string };
	takeProfitOnFill?: { price: string };
	stopLossOnFill?: { price: string };
	trailingStopLossOnFill?: { distance: string };
	/** TRAILING_STOP_LOSS: the distance it trails by, and where it stands. */
	distance?: string;
	trailingStopValue?: string;
	replacesOrderID?: string;
	tradeID?: string;
	fillingTransactionID?: string;
	filledTime?: string;
	tradeOpenedID?: string;
	cancellingTransactionID?: string;
	cancelledTime?: string;
}

export interface StubSide {
	units: number;
	averagePrice: number;
	tradeID: string | null;
}

export interface StubPosition {
	long: StubSide;
	short: StubSide;
	pl: number;
}

export interface OrderSpec {
	type: 'MARKET' | 'LIMIT' | 'STOP';
	instrument: string;
	units: string;
	timeInForce: string;
	price?: string;
	priceBound?: string;
	positionFill: string;
	clientExtensions: { id: string };
	takeProfitOnFill?: { price: string };
	stopLossOnFill?: { price: string };
	trailingStopLossOnFill?: { distance: string };
}

/** A trade as OANDA keeps it: each fill that opens units opens one, closed FIFO by later fills. */
export interface StubTrade {
	id: string;
	instrument: string;
	price: string;
	openTime: string;
	initialUnits: number;
	currentUnits: number;
	state: 'OPEN' | 'CLOSED';
}

export interface BookOptions {
	accountId: string;
	currency: string;
	balance: number;
	marginRate: number;
	prices: Record<string, number>;
	firstTransactionId: number;
	clock: Date;
}

const amount = (value: number) => (Math.round(value * 10_000) / 10_000).toFixed(4);
const decimal = (value: number) => String(Number(value.toPrecision(12)));

export class StubBook {
	readonly orders: StubOrder[] = [];
	readonly transactions: Json[] = [];
	readonly positions = new Map<string, StubPosition>();
	readonly trades: StubTrade[] = [];
	readonly prices: Map<string, number>;
	balance: number;
	pl = 0;
	private lastId: number;
	private tick = 0;

	constructor(private readonly options: BookOptions) {
		this.prices = new Map(Object.entries(options.prices));
		this.balance = options.balance;
		this.lastId = options.firstTransactionId - 1;
	}

	get lastTransactionID(): string {
		return String(this.lastId);
	}

	isKnownInstrument(instrument: string): boolean {
		return this.prices.has(instrument);
	}

	priceOf(instrument: string): number {
		const price = this.prices.get(instrument);
		if (price === undefined) throw new Error(`stub: no price for ${instrument}`);
		return price;
	}

	/** OANDA's RFC 3339 with nanoseconds; each transaction one millisecond after the last. */
	private now(): string {
		const at = new Date(this.options.clock.getTime() + this.tick++);
		return at.toISOString().replace('Z', '000000Z');
	}

	record(type: string, fields: Json): Json {
		this.lastId += 1;
		const transaction: Json = {
			...fields,
			id: String(this.lastId),
			time: this.now(),
			userID: 1234567,
			accountID: this.options.accountId,
			batchID: String(this.lastId),
			requestID: `stub-${this.lastId}`,
			type,
		};
		this.transactions.push(transaction);
		return transaction;
	}

	reject(spec: Json, reason: string): Json {
		return this.record(`${String(spec.type ?? 'MARKET')}_ORDER_REJECT`, { ...spec, rejectReason: reason, reason: 'CLIENT_ORDER' });
	}

	create(spec: OrderSpec): { order: StubOrder; transaction: Json } {
		const transaction = this.record(`${spec.type}_ORDER`, { ...spec, reason: 'CLIENT_ORDER' });
		const order: StubOrder = {
			id: String(transaction.id),
			createTime: String(transaction.time),
			state: 'PENDING',
			...spec,
		};
		this.orders.push(order);
		return { order, transaction };
	}

	cancel(order: StubOrder, reason: string): Json {
		const transaction = this.record('ORDER_CANCEL', {
			orderID: order.id,
			...(order.clientExtensions ? { clientOrderID: order.clientExtensions.id } : {}),
			reason,
		});
		order.state = 'CANCELLED';
		order.cancellingTransactionID = String(transaction.id);
		order.cancelledTime = String(transaction.time);
		return transaction;
	}

	/** Whether filling `units` would need more margin than is available. */
	lacksMargin(instrument: string, units: number): boolean {
		const held = this.netUnits(instrument);
		const added = Math.max(0, Math.abs(held + units) - Math.abs(held));
		return added * this.priceOf(instrument) * this.options.marginRate > this.marginAvailable();
	}

	/** Fills the order at `price`: netting against the opposite side first, then opening. */
	fill(order: StubOrder, price: number, reason: string): { fill: Json; dependents: Json[] } {
		const units = Number(order.units);
		const position = this.position(order.instrument);
		const opposite = units > 0 ? position.short : position.long;
		const same = units > 0 ? position.long : position.short;
		const closing = Math.sign(units) * Math.min(Math.abs(units), Math.abs(opposite.units));
		const opening = units - closing;
		const id = String(Number(this.lastId) + 1);
		let realized = 0;
		const extra: Json = {};
		if (closing !== 0) {
			realized = (price - opposite.averagePrice) * -closing;
			const entry = { tradeID: opposite.tradeID, units: decimal(closing), price: decimal(price), realizedPL: amount(realized) };
			if (Math.abs(closing) === Math.abs(opposite.units)) extra.tradesClosed = [entry];
			else extra.tradeReduced = entry;
			opposite.units += closing;
			if (opposite.units === 0) {
				opposite.averagePrice = 0;
				opposite.tradeID = null;
			}
		}
		if (opening !== 0) {
			const total = same.units + opening;
			same.averagePrice = (Math.abs(same.units) * same.averagePrice + Math.abs(opening) * price) / Math.abs(total);
			same.units = total;
			same.tradeID ??= id;
			extra.tradeOpened = { tradeID: id, units: decimal(opening), price: decimal(price) };
		}
		position.pl += realized;
		this.pl += realized;
		this.balance += realized;
		const fill = this.record('ORDER_FILL', {
			orderID: order.id,
			...(order.clientExtensions ? { clientOrderID: order.clientExtensions.id } : {}),
			instrument: order.instrument,
			units: order.units,
			price: decimal(price),
			fullVWAP: decimal(price),
			reason,
			pl: amount(realized),
			financing: '0.0000',
			commission: '0.0000',
			accountBalance: amount(this.balance),
			...extra,
		});
		order.state = 'FILLED';
		order.fillingTransactionID = String(fill.id);
		order.filledTime = String(fill.time);
		// Trades the fill closed take their exits with them, as OANDA cancels them: LINKED_TRADE_CLOSED.
		for (const closed of this.closeTrades(order.instrument, closing)) {
			for (const dependent of this.orders.filter((each) => each.tradeID === closed.id && each.state === 'PENDING')) this.cancel(dependent, 'LINKED_TRADE_CLOSED');
		}
		if (extra.tradeOpened) {
			order.tradeOpenedID = id;
			this.trades.push({ id, instrument: order.instrument, price: decimal(price), openTime: String(fill.time), initialUnits: opening, currentUnits: opening, state: 'OPEN' });
		}
		const dependents: Json[] = [];
		if (extra.tradeOpened) {
			if (order.takeProfitOnFill) dependents.push(this.dependent('TAKE_PROFIT', order.instrument, id, { price: order.takeProfitOnFill.price }));
			if (order.stopLossOnFill) dependents.push(this.dependent('STOP_LOSS', order.instrument, id, { price: order.stopLossOnFill.price }));
			if (order.trailingStopLossOnFill) {
				const distance = Number(order.trailingStopLossOnFill.distance);
				const value = opening > 0 ? price - distance : price + distance;
				dependents.push(this.dependent('TRAILING_STOP_LOSS', order.instrument, id, { distance: order.trailingStopLossOnFill.distance, trailingStopValue: decimal(value) }));
			}
		}
		return { fill, dependents };
	}

	/** Closes `closing` units (signed as the closing order) of the instrument's trades, oldest first; the trades closed in full. */
	private closeTrades(instrument: string, closing: number): StubTrade[] {
		let left = Math.abs(closing);
		const closed: StubTrade[] = [];
		for (const trade of this.trades) {
			if (left <= 0) break;
			if (trade.state !== 'OPEN' || trade.instrument !== instrument || Math.sign(trade.currentUnits) === Math.sign(closing)) continue;
			const taken = Math.min(left, Math.abs(trade.currentUnits));
			trade.currentUnits -= Math.sign(trade.currentUnits) * taken;
			left -= taken;
			if (trade.currentUnits === 0) {
				trade.state = 'CLOSED';
				closed.push(trade);
			}
		}
		return closed;
	}

	private dependent(type: 'TAKE_PROFIT' | 'STOP_LOSS' | 'TRAILING_STOP_LOSS', instrument: string, tradeID: string, fields: { price?: string; distance?: string; trailingStopValue?: string; replacesOrderID?: string }, reason = 'ON_FILL'): Json {
		const transaction = this.record(`${type}_ORDER`, { tradeID, ...fields, timeInForce: 'GTC', reason });
		this.orders.push({
			id: String(transaction.id),
			createTime: String(transaction.time),
			type,
			state: 'PENDING',
			instrument,
			...fields,
			timeInForce: 'GTC',
			tradeID,
		});
		return transaction;
	}

	/** PUT trades/{id}/orders with a stopLoss: the old one cancelled (CLIENT_REQUEST_REPLACED), a new one created. */
	replaceStopLoss(trade: StubTrade, price: string): { cancel: Json | null; created: Json } {
		const old = this.orders.find((each) => each.tradeID === trade.id && each.type === 'STOP_LOSS' && each.state === 'PENDING');
		const cancel = old ? this.cancel(old, 'CLIENT_REQUEST_REPLACED') : null;
		const created = this.dependent('STOP_LOSS', trade.instrument, trade.id, { price, ...(old ? { replacesOrderID: old.id } : {}) }, old ? 'REPLACEMENT' : 'CLIENT_ORDER');
		return { cancel, created };
	}

	/** A Trade as GET openTrades answers it, with its pending exits. */
	tradeJson(trade: StubTrade): Json {
		const pending = (type: StubOrderType) => {
			const order = this.orders.find((each) => each.tradeID === trade.id && each.type === type && each.state === 'PENDING');
			return order ? orderJson(order) : undefined;
		};
		return orderJson({
			id: trade.id,
			instrument: trade.instrument,
			price: trade.price,
			openTime: trade.openTime,
			initialUnits: decimal(trade.initialUnits),
			currentUnits: decimal(trade.currentUnits),
			state: trade.state,
			realizedPL: '0.0000',
			unrealizedPL: '0.0000',
			takeProfitOrder: pending('TAKE_PROFIT'),
			stopLossOrder: pending('STOP_LOSS'),
			trailingStopLossOrder: pending('TRAILING_STOP_LOSS'),
		});
	}

	position(instrument: string): StubPosition {
		let position = this.positions.get(instrument);
		if (!position) {
			position = { long: emptySide(), short: emptySide(), pl: 0 };
			this.positions.set(instrument, position);
		}
		return position;
	}

	netUnits(instrument: string): number {
		const position = this.positions.get(instrument);
		return position ? position.long.units + position.short.units : 0;
	}

	private unrealized(instrument: string, position: StubPosition): { long: number; short: number } {
		const price = this.priceOf(instrument);
		return {
			long: (price - position.long.averagePrice) * position.long.units,
			short: (price - position.short.averagePrice) * position.short.units,
		};
	}

	private totals(): { unrealized: number; marginUsed: number } {
		let unrealized = 0;
		let marginUsed = 0;
		for (const [instrument, position] of this.positions) {
			const open = this.unrealized(instrument, position);
			unrealized += open.long + open.short;
			marginUsed += (position.long.units - position.short.units) * this.priceOf(instrument) * this.options.marginRate;
		}
		return { unrealized, marginUsed };
	}

	marginAvailable(): number {
		const { unrealized, marginUsed } = this.totals();
		return this.balance + unrealized - marginUsed;
	}

	positionJson(instrument: string): Json {
		const position = this.positions.get(instrument) ?? { long: emptySide(), short: emptySide(), pl: 0 };
		const open = this.unrealized(instrument, position);
		const side = (value: StubSide, unrealizedPL: number) =>
			value.units === 0
				? { units: '0', pl: '0.0000', resettablePL: '0.0000', unrealizedPL: '0.0000', financing: '0.0000' }
				: {
						units: decimal(value.units),
						averagePrice: decimal(value.averagePrice),
						tradeIDs: value.tradeID ? [value.tradeID] : [],
						pl: '0.0000',
						resettablePL: '0.0000',
						unrealizedPL: amount(unrealizedPL),
						financing: '0.0000',
					};
		return {
			instrument,
			pl: amount(position.pl),
			resettablePL: amount(position.pl),
			unrealizedPL: amount(open.long + open.short),
			marginUsed: amount((position.long.units - position.short.units) * this.priceOf(instrument) * this.options.marginRate),
			financing: '0.0000',
			commission: '0.0000',
			long: side(position.long, open.long),
			short: side(position.short, open.short),
		};
	}

	openPositionsJson(): Json[] {
		return [...this.positions.entries()]
			.filter(([, position]) => position.long.units !== 0 || position.short.units !== 0)
			.map(([instrument]) => this.positionJson(instrument));
	}

	summaryJson(accountId: string): Json {
		const { unrealized, marginUsed } = this.totals();
		return {
			id: accountId,
			alias: 'Primary',
			currency: this.options.currency,
			balance: amount(this.balance),
			NAV: amount(this.balance + unrealized),
			unrealizedPL: amount(unrealized),
			pl: amount(this.pl),
			resettablePL: amount(this.pl),
			marginRate: String(this.options.marginRate),
			marginUsed: amount(marginUsed),
			marginAvailable: amount(this.balance + unrealized - marginUsed),
			openPositionCount: this.openPositionsJson().length,
			pendingOrderCount: this.orders.filter((order) => order.state === 'PENDING').length,
			hedgingEnabled: false,
			lastTransactionID: this.lastTransactionID,
		};
	}
}

export function orderJson(order: StubOrder | Json): Json {
	return Object.fromEntries(Object.entries(order).filter(([, value]) => value !== undefined));
}

function emptySide(): StubSide {
	return { units: 0, averagePrice: 0, tradeID: null };
}
