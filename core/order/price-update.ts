import { z } from 'zod';

import type { Broker, BrokerOrder } from '../brokers/broker';
import { observesPrices } from '../brokers/price-observer';

// Broker Order's Price Update: a price for a symbol fed to a broker that simulates fills (Paper),
// e.g. from a TradingView alert every bar, so its resting orders and exits fill when crossed.

const absent = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

export const priceUpdateSchema = z.object({
	symbol: z.preprocess((value) => (absent(value) ? undefined : value), z.string({ required_error: 'is required' }).trim().min(1, 'is required')),
	price: z.preprocess(
		(value) => (absent(value) ? undefined : typeof value === 'string' ? Number(value.trim()) : value),
		z.number({ required_error: 'is required', invalid_type_error: 'must be a number' }).finite('must be a finite number').positive('must be greater than 0'),
	),
});

export type PriceUpdate = z.infer<typeof priceUpdateSchema>;

export interface PriceUpdateResult {
	symbol: string;
	price: number;
	/** The orders the price filled, in the order they filled (entries, then their exits). */
	filled: BrokerOrder[];
	/** The symbol's open orders after the price: working exits with their stops as they now stand. */
	openOrders: BrokerOrder[];
}

/** Whether the broker takes prices from outside; the others have their own market. */
export function takesPriceUpdates(broker: Broker): boolean {
	return observesPrices(broker);
}

export async function updatePrice(broker: Broker, update: PriceUpdate): Promise<PriceUpdateResult> {
	if (!observesPrices(broker)) throw new Error(`${broker.name} has its own prices: Price Update is for the Paper broker`);
	const filled = await broker.markPrice(update.symbol, update.price);
	return { symbol: update.symbol, price: update.price, filled, openOrders: await broker.listOpenOrders(update.symbol) };
}
