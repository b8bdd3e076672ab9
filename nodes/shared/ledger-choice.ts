import type { INodeProperties } from 'n8n-workflow';

// Where a node keeps its state. Every node of one flow must pick the same ledger, so the
// trigger's duplicate check, Risk Check's counters and the Paper broker agree. Each node lists
// n8n's `postgres` credential itself, shown when this is set to PostgreSQL (the lint rules read
// the credential list only as a literal).

export const ledgerSelector: INodeProperties = {
	displayName: 'Ledger',
	name: 'ledger',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Embedded SQLite (This N8n)',
			value: 'sqlite',
			description: 'A file in the n8n user folder: nothing to set up, for one n8n process',
		},
		{
			name: 'PostgreSQL (Shared)',
			value: 'postgres',
			description: 'For several n8n processes (queue mode) sharing one ledger, with a Postgres credential',
		},
	],
	default: 'sqlite',
	description: 'Where duplicate claims, order counters, kill switches and paper accounts are kept. Use the same choice on every node of a flow.',
};
