import type { INodePropertyOptions } from 'n8n-workflow';

import { brokerSelector } from '../../BrokerOrder/description/selectors';

/**
 * The brokers as Broker Order's selector lists them, Paper included, for the other nodes that
 * pick a broker account (Risk Check's Positions and P&L From, the Ledger's Positions From). Each
 * node still lists its credentials literally: n8n's lint rules read them from the source.
 */
export const BROKER_OPTIONS = brokerSelector.options as INodePropertyOptions[];
