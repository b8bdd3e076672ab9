import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Broker } from '../../core/brokers/broker';
import { PaperBroker } from '../../core/brokers/paper/paper-broker';
import type { Ledger } from '../../core/ledger/ledger';
import { defaultLedgerPath } from '../../core/ledger/ledger-location';
import { sharedLedger } from '../../core/ledger/open-ledger';
import type { PlaceOnceContext } from '../../core/order/place-once';
import { DEFAULT_RETRY_POLICY } from '../../core/order/retry-policy';

export interface BrokerContext extends PlaceOnceContext {
	ledger: Ledger;
}

function openLedger(context: IExecuteFunctions): Ledger {
	const path = defaultLedgerPath(process.env);
	try {
		return sharedLedger(path);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), `The ledger at ${path} could not be opened: ${(error as Error).message}`, {
			description: 'n8n must run on Node.js 22.13 or newer (node:sqlite) and be able to write to its user folder.',
		});
	}
}

function createBroker(context: IExecuteFunctions, ledger: Ledger, itemIndex: number): Broker {
	const broker = context.getNodeParameter('broker', itemIndex) as string;
	if (broker === 'paper') {
		return new PaperBroker(ledger.paper, {
			account: (context.getNodeParameter('paperAccount', itemIndex, 'default') as string).trim() || 'default',
			startingCash: context.getNodeParameter('paperStartingCash', itemIndex, 100000) as number,
			currency: (context.getNodeParameter('paperCurrency', itemIndex, 'USD') as string).trim() || 'USD',
		});
	}
	throw new NodeOperationError(context.getNode(), `Unknown broker "${broker}"`, { itemIndex });
}

/** The broker, the ledger and the retry policy one item is handled with. */
export function brokerContextFor(context: IExecuteFunctions, itemIndex: number, maxAttempts?: number): BrokerContext {
	const ledger = openLedger(context);
	return {
		ledger,
		broker: createBroker(context, ledger, itemIndex),
		journal: ledger.orders,
		scope: `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}`,
		retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts },
	};
}
