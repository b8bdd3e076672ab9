import type { Broker, BrokerOrder } from './broker';

/** A broker that simulates fills and learns prices from outside (the Paper broker). */
export interface PriceObserver {
	/** Records a price for the symbol and returns the open orders it filled. */
	markPrice(symbol: string, price: number): Promise<BrokerOrder[]>;
}

/** Whether the broker's capabilities say it fills at the prices the node reports to it. */
export function observesPrices(broker: Broker): broker is Broker & PriceObserver {
	return broker.capabilities.fillsAtReportedPrices === true && typeof (broker as Partial<PriceObserver>).markPrice === 'function';
}
