import type { BrokerCapabilities } from '../broker';

/**
 * What a broker is, as data (ccxt's `describe()`): its id and name, where it lives, and what it
 * really can do. Planning reads the capabilities; the adapter's code reads the addresses.
 */
export interface BrokerDescription {
	/** details.broker and the ledger's broker column, e.g. 'alpaca'. */
	id: string;
	/** In messages, e.g. 'Alpaca'. */
	label: string;
	urls: { live: string; sandbox: string | null };
	capabilities: BrokerCapabilities;
}
