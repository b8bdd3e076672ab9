import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../core/ledger/ledger';
import { defaultLedgerPath } from '../../core/ledger/ledger-location';
import { sharedLedger } from '../../core/ledger/open-ledger';

/** The process's shared ledger; a failure to open it names the file and the likely cause. */
export function openNodeLedger(node: INode): Ledger {
	const path = defaultLedgerPath(process.env);
	try {
		return sharedLedger(path);
	} catch (error) {
		throw new NodeOperationError(node, `The ledger at ${path} could not be opened: ${(error as Error).message}`, {
			description: 'n8n must run on Node.js 22.13 or newer (node:sqlite) and be able to write to its user folder.',
		});
	}
}
