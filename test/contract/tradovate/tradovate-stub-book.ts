// The stub's state: the contract library, accounts, orders with their versions, commands and
// fills, and positions, shaped as Tradovate's entities (docs/design/tradovate-api-facts.md).

const DAY = 86_400_000;

export interface StubAccount {
	id: number;
	name: string;
	active: boolean;
}

export interface StubOrder {
	id: number;
	accountId: number;
	contractId: number;
	timestamp: string;
	action: 'Buy' | 'Sell';
	ordStatus: string;
	admin: boolean;
	/** The stub's own bookkeeping (not sent): the OSO entry this exit waits for, and its OCO sibling. */
	parentId?: number;
	ocoId?: number;
}

export interface StubVersion {
	id: number;
	orderId: number;
	orderQty: number;
	orderType: string;
	price?: number;
	stopPrice?: number;
	timeInForce: string;
}

export interface StubCommand {
	id: number;
	orderId: number;
	timestamp: string;
	clOrdId?: string;
	commandType: 'New' | 'Cancel';
	commandStatus: string;
	isAutomated: boolean;
}

export interface StubFill {
	id: number;
	orderId: number;
	contractId: number;
	timestamp: string;
	action: 'Buy' | 'Sell';
	qty: number;
	price: number;
	active: boolean;
}

export interface StubPosition {
	id: number;
	accountId: number;
	contractId: number;
	netPos: number;
	netPrice: number | null;
	bought: number;
	sold: number;
}

export interface StubContract {
	id: number;
	name: string;
	contractMaturityId: number;
}

export interface StubMaturity {
	id: number;
	productId: number;
	expirationMonth: number;
	expirationDate: string;
	isFront: boolean;
}

export interface StubProduct {
	id: number;
	name: string;
	productType: 'Futures';
	tickSize: number;
}

/** One order as placeOrder or a bracket describes it, already checked. */
export interface NewOrder {
	accountId: number;
	contract: StubContract;
	action: 'Buy' | 'Sell';
	orderQty: number;
	orderType: string;
	price?: number;
	stopPrice?: number;
	timeInForce: string;
	clOrdId?: string;
	isAutomated: boolean;
}

/**
 * Products NQ, MNQ, ES and MES, each with an expired maturity (U6), the front month (Z6, isFront)
 * and the next one (H7), expiring relative to the stub's clock so the front stays the front.
 */
export class StubBook {
	readonly products: StubProduct[] = [];
	readonly maturities: StubMaturity[] = [];
	readonly contracts: StubContract[] = [];
	readonly orders: StubOrder[] = [];
	readonly versions: StubVersion[] = [];
	readonly commands: StubCommand[] = [];
	readonly fills: StubFill[] = [];
	readonly positions: StubPosition[] = [];
	private nextId = 1000;

	constructor(
		readonly accounts: StubAccount[],
		public fillPrice: number,
		now: number,
	) {
		const months = [
			{ code: 'U6', expires: now - 60 * DAY, month: 202609, front: false },
			{ code: 'Z6', expires: now + 15 * DAY, month: 202612, front: true },
			{ code: 'H7', expires: now + 105 * DAY, month: 202703, front: false },
		];
		for (const name of ['NQ', 'MNQ', 'ES', 'MES']) {
			const product: StubProduct = { id: this.id(), name, productType: 'Futures', tickSize: 0.25 };
			this.products.push(product);
			for (const month of months) {
				const maturity: StubMaturity = { id: this.id(), productId: product.id, expirationMonth: month.month, expirationDate: new Date(month.expires).toISOString(), isFront: month.front };
				this.maturities.push(maturity);
				this.contracts.push({ id: this.id(), name: `${name}${month.code}`, contractMaturityId: maturity.id });
			}
		}
	}

	id(): number {
		return ++this.nextId;
	}

	/** The tick size of a contract's product: Tradovate takes prices on it only. */
	tickOf(contract: StubContract): number {
		const maturity = this.maturities.find((candidate) => candidate.id === contract.contractMaturityId);
		const product = this.products.find((candidate) => candidate.id === maturity?.productId);
		if (product === undefined) throw new Error(`stub: no product for contract ${contract.name}`);
		return product.tickSize;
	}

	contractNamed(name: string): StubContract | undefined {
		return this.contracts.find((contract) => contract.name === name);
	}

	/** Creates the order, its version and its New command (the caller fills a market order). */
	accept(request: NewOrder, parent?: StubOrder): StubOrder {
		const at = new Date().toISOString();
		const order: StubOrder = {
			id: this.id(),
			accountId: request.accountId,
			contractId: request.contract.id,
			timestamp: at,
			action: request.action,
			ordStatus: parent !== undefined && parent.ordStatus !== 'Filled' ? 'Suspended' : 'Working',
			admin: false,
			...(parent === undefined ? {} : { parentId: parent.id }),
		};
		this.orders.push(order);
		this.versions.push({
			id: this.id(),
			orderId: order.id,
			orderQty: request.orderQty,
			orderType: request.orderType,
			...(request.price === undefined ? {} : { price: request.price }),
			...(request.stopPrice === undefined ? {} : { stopPrice: request.stopPrice }),
			timeInForce: request.timeInForce,
		});
		this.commands.push({
			id: this.id(),
			orderId: order.id,
			timestamp: at,
			...(request.clOrdId === undefined ? {} : { clOrdId: request.clOrdId }),
			commandType: 'New',
			commandStatus: 'RiskPassed',
			isAutomated: request.isAutomated,
		});
		return order;
	}

	version(order: StubOrder): StubVersion {
		return this.versions.filter((version) => version.orderId === order.id).sort((a, b) => b.id - a.id)[0];
	}

	/** Fills the order; exits of a filled OSO entry start working, a filled exit cancels its OCO sibling. */
	fill(order: StubOrder, qty: number, price: number): void {
		this.fills.push({ id: this.id(), orderId: order.id, contractId: order.contractId, timestamp: new Date().toISOString(), action: order.action, qty, price, active: true });
		order.ordStatus = 'Filled';
		this.move(order.accountId, order.contractId, order.action === 'Buy' ? qty : -qty, price);
		for (const child of this.orders.filter((other) => other.parentId === order.id && other.ordStatus === 'Suspended')) child.ordStatus = 'Working';
		if (order.parentId !== undefined) {
			for (const sibling of this.orders.filter((other) => other.parentId === order.parentId && other.id !== order.id && other.ordStatus === 'Working')) {
				sibling.ordStatus = 'Canceled';
			}
		}
	}

	cancel(order: StubOrder, isAutomated: boolean): void {
		order.ordStatus = 'Canceled';
		this.commands.push({ id: this.id(), orderId: order.id, timestamp: new Date().toISOString(), commandType: 'Cancel', commandStatus: 'RiskPassed', isAutomated });
	}

	private move(accountId: number, contractId: number, signed: number, price: number): void {
		let position = this.positions.find((held) => held.accountId === accountId && held.contractId === contractId);
		if (position === undefined) {
			position = { id: this.id(), accountId, contractId, netPos: 0, netPrice: null, bought: 0, sold: 0 };
			this.positions.push(position);
		}
		const before = position.netPos;
		const after = before + signed;
		if (after === 0) position.netPrice = null;
		else if (before === 0 || Math.sign(after) !== Math.sign(before)) position.netPrice = price;
		else if (Math.abs(after) > Math.abs(before)) position.netPrice = ((position.netPrice ?? price) * Math.abs(before) + price * Math.abs(signed)) / Math.abs(after);
		position.netPos = after;
		if (signed > 0) position.bought += signed;
		else position.sold -= signed;
	}
}
