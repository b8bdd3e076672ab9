import type { BrokerDescription } from '../base/description';

/** The Paper broker: simulated fills in the ledger, at the prices the node reports. */
export const PAPER_DESCRIPTION: BrokerDescription = Object.freeze({
	id: 'paper',
	label: 'Paper',
	// Nowhere: the book is the ledger's paper tables.
	urls: Object.freeze({ live: '', sandbox: null }),
	capabilities: Object.freeze({
		orderTypes: Object.freeze(['market', 'limit', 'stop', 'stop_limit'] as const),
		brackets: true,
		trailingStops: true,
		breakevenStops: true,
		shortSelling: true,
		reduceOnly: true,
		hedgeMode: false,
		// Quantities are kept to 9 decimals.
		fractional: true,
		fillsAtReportedPrices: true,
	}),
});
