import type { IExecuteFunctions } from 'n8n-workflow';

import type { Ledger } from '../../core/ledger/ledger';
import type { PlaceOnceContext } from '../../core/order/place-once';
import { DEFAULT_RETRY_POLICY } from '../../core/order/retry-policy';
import { createBroker } from '../shared/brokers/broker-factory';
import { openNodeLedger } from '../shared/node-ledger';
import { accountKeyFor } from '../shared/brokers/account-key';

export interface BrokerContext extends PlaceOnceContext {
	ledger: Ledger;
}

/** The broker, the ledger and the retry policy one item is handled with. */
export async function brokerContextFor(context: IExecuteFunctions, itemIndex: number, maxAttempts?: number): Promise<BrokerContext> {
	const ledger = await openNodeLedger(context, context.getNodeParameter('ledger', itemIndex, 'sqlite'));
	const brokerName = context.getNodeParameter('broker', itemIndex) as string;
	return {
		ledger,
		broker: await createBroker(context, ledger, itemIndex, brokerName),
		account: accountKeyFor(context, itemIndex, brokerName),
		journal: ledger.orders,
		scope: `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}`,
		retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts },
	};
}
