import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { runReport, runReportToEnd } from '../../core/reports/ledger-reports';
import { ReportFilterError } from '../../core/reports/report-error';
import { binanceCredentialTest, cryptoExchangeCredentialTest } from '../shared/brokers/ccxt-credential-tests';
import { credentialsSlot } from '../shared/credentials-slot';
import { ledgerSelector } from '../shared/ledger-choice';
import { nodeErrorFor } from '../shared/node-errors';
import { openNodeLedger } from '../shared/node-ledger';
import { labelsOf, lookUp } from '../shared/subtitle';
import { brokerPositions } from './broker-positions';
import { filterProperties, operationSelector, optionProperties, pagingProperties, positionsFromProperty, resourceSelector } from './description';
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
			{ name: 'alpacaApi', required: true, displayOptions: { show: { operation: ['positions'], positionsFrom: ['alpaca'] } } },
			{ name: 'oandaApi', required: true, displayOptions: { show: { operation: ['positions'], positionsFrom: ['oanda'] } } },
			{ name: 'tradovateApi', required: true, displayOptions: { show: { operation: ['positions'], positionsFrom: ['tradovate'] } } },
			{ name: 'bybitApi', required: true, displayOptions: { show: { operation: ['positions'], positionsFrom: ['bybit'] } } },
			{ name: 'okxApi', required: true, displayOptions: { show: { operation: ['positions'], positionsFrom: ['okx'] } } },
			{
				name: 'binanceApi',
				required: true,
				displayOptions: { show: { operation: ['positions'], positionsFrom: ['binance'] } },
				testedBy: 'binanceCredentialTest',
			},
			{
				name: 'cryptoExchangeApi',
				required: true,
				displayOptions: { show: { operation: ['positions'], positionsFrom: ['ccxt'] } },
				testedBy: 'cryptoExchangeCredentialTest',
			},
			// n8n's built-in Postgres credential, on purpose: the ledger shares the user's database (docs/design/runtime-facts.md).
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed, @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references -- see above
			{ name: 'postgres', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
		],
		properties: [resourceSelector, operationSelector, positionsFromProperty, credentialsSlot, ...pagingProperties, filterProperties, optionProperties, ledgerSelector],
	};

	methods = { credentialTest: { binanceCredentialTest, cryptoExchangeCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const request = reportRequest(this, itemIndex);
				const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
				const source = request.report === 'positions' ? (this.getNodeParameter('positionsFrom', itemIndex, 'ledger') as string) : 'ledger';
				const page =
					source !== 'ledger'
						? { items: [await brokerPositions(this, ledger, itemIndex, source, request.filter.symbol)], nextCursor: null }
						: request.returnAll
							? { items: await runReportToEnd(request.report, request.filter, ledger, RETURN_ALL_CAP), nextCursor: null }
							: await runReport(request.report, request.filter, ledger);
				if (request.output === 'page') {
					out.push({ json: { items: page.items as IDataObject[], count: page.items.length, nextCursor: page.nextCursor }, pairedItem: { item: itemIndex } });
				} else {
					for (const row of page.items) out.push({ json: row as IDataObject, pairedItem: { item: itemIndex } });
				}
			} catch (caught) {
				const error = caught instanceof ReportFilterError ? filterError(this, caught, itemIndex) : nodeErrorFor(this.getNode(), caught, itemIndex);
				if (!this.continueOnFail()) throw error;
				out.push({ json: { error: error.message, details: error.description ?? null }, pairedItem: { item: itemIndex } });
			}
		}
		return [out];
	}
}
