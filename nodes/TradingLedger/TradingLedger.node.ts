import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { runReport, runReportToEnd } from '../../core/reports/ledger-reports';
import { ReportFilterError } from '../../core/reports/report-error';
import { ledgerSelector } from '../shared/ledger-choice';
import { openNodeLedger } from '../shared/node-ledger';
import { labelsOf, lookUp } from '../shared/subtitle';
import { filterProperties, operationSelector, optionProperties, pagingProperties, resourceSelector } from './description';
import { filterError, reportRequest } from './report-parameters';

/** With Return All, at most this many rows are read in one run. */
const RETURN_ALL_CAP = 100_000;

export const TRADING_LEDGER_SUBTITLE = `={{ ${lookUp(labelsOf(operationSelector), '$parameter["operation"]')} }}`;

export class TradingLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TradingView Ledger',
		name: 'tradingLedger',
		icon: {
			light: 'file:../../icons/tradingLedger.svg',
			dark: 'file:../../icons/tradingLedger.dark.svg',
		},
		group: ['input'],
		version: 1,
		subtitle: TRADING_LEDGER_SUBTITLE,
		description: 'Reports from the trading ledger: signals, orders, positions and P&L, latency, health',
		defaults: { name: 'TradingView Ledger' },
		// Read-only: an agent may look at the ledger, never change it.
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			// n8n's built-in Postgres credential, on purpose: the ledger shares the user's database (docs/design/runtime-facts.md).
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed, @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references -- see above
			{ name: 'postgres', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
		],
		properties: [resourceSelector, operationSelector, ...pagingProperties, filterProperties, optionProperties, ledgerSelector],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const request = reportRequest(this, itemIndex);
				const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
				const page = request.returnAll
					? { items: await runReportToEnd(request.report, request.filter, ledger, RETURN_ALL_CAP), nextCursor: null }
					: await runReport(request.report, request.filter, ledger);
				if (request.output === 'page') {
					out.push({ json: { items: page.items as IDataObject[], count: page.items.length, nextCursor: page.nextCursor }, pairedItem: { item: itemIndex } });
				} else {
					for (const row of page.items) out.push({ json: row as IDataObject, pairedItem: { item: itemIndex } });
				}
			} catch (caught) {
				const error =
					caught instanceof ReportFilterError
						? filterError(this, caught, itemIndex)
						: caught instanceof NodeOperationError
							? caught
							: new NodeOperationError(this.getNode(), caught as Error, { itemIndex });
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
			}
		}
		return [out];
	}
}
