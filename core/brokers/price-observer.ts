import type { BrokerOrder } from './broker';

/** A broker that simulates fills and learns prices from outside (the Paper broker). */
export interface PriceObserver {
	/** Records a price for the symbol and returns the open orders it filled. */
	markPrice(symbol: string, price: number): Promise<BrokerOrder[]>;
}

export function observesPrices(broker: object): broker is PriceObserver {
	return typeof (broker as Partial<PriceObserver>).markPrice === 'function';
}
