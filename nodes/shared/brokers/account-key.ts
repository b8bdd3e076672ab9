import type { IExecuteFunctions } from 'n8n-workflow';

import { BROKER_CREDENTIAL_TYPES, paperAccountOf } from './broker-factory';

/**
 * The account the node trades on, as the journal records it with each order and Reconcile reads
 * it: `paper:<Paper Account>` for the Paper broker, `<broker>:<credential id>` for the others (the
 * n8n credential, whatever its name; a credential edited to another account stays the same key).
 */
export function accountKeyFor(context: IExecuteFunctions, itemIndex: number, broker: string): string {
	if (broker === 'paper') return `paper:${paperAccountOf(context, itemIndex).account}`;
	const credential = context.getNode().credentials?.[BROKER_CREDENTIAL_TYPES[broker] ?? ''];
	return `${broker}:${credential?.id ?? credential?.name ?? 'no-credential'}`;
}
