import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { brokerAccountReport } from '../../../../core/reports/broker-account-report';
import { accountKeyFor } from '../../../shared/brokers/account-key';
import { BROKER_OPTIONS } from '../../../shared/brokers/broker-options';
import { createBroker } from '../../../shared/brokers/broker-factory';
import { filterOf, itemsOf, ledgerOf, outputShapeOf, pagedReportItems } from '../parameters';

const brokerSources = BROKER_OPTIONS.filter((option) => option.value !== 'paper').map(({ name, value }) => ({ name, value }));

/** Where positions come from: the node puts it above the credential slot, which a broker source shows. */
export const description: INodeProperties[] = [
	{
		displayName: 'Positions From',
		name: 'positionsFrom',
		type: 'options',
		noDataExpression: true,
		options: [...brokerSources, { name: 'Ledger (Paper Accounts and Order Journal)', value: 'ledger' }].sort((a, b) => a.name.localeCompare(b.name)),
		default: 'ledger',
		displayOptions: { show: { resource: ['report'], operation: ['positions'] } },
		description:
			'Ledger: every paper account as the Paper broker keeps it and every broker account as its journal fills add up. A broker: that account as the broker reports it now (cash, equity, positions at market price with unrealised P&L, realised P&L where the broker reports it), with the credential below.',
	},
];

/**
 * Positions and P&L: from the ledger, a page of accounts; from a broker, its one account as the
 * broker reports it, under the key the journal uses.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const source = this.getNodeParameter('positionsFrom', itemIndex, 'ledger') as string;
	if (source === 'ledger') return await pagedReportItems(this, itemIndex, 'positions');
	const broker = await createBroker(this, await ledgerOf(this, itemIndex), itemIndex, source);
	const { symbol } = filterOf(this, itemIndex, 'positions');
	const wanted = typeof symbol === 'string' && symbol.trim() !== '' ? symbol.trim() : undefined;
	const account = await brokerAccountReport(broker, { account: accountKeyFor(this, itemIndex, source), broker: source, symbol: wanted });
	return itemsOf({ items: [account], nextCursor: null }, outputShapeOf(this, itemIndex));
}
