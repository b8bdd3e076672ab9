import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binanceCredentialTest, cryptoExchangeCredentialTest } from '../shared/brokers/ccxt-credential-tests';
import { credentialsSlot } from '../shared/credentials-slot';
import { ledgerSelector } from '../shared/ledger-choice';
import { nodeErrorFor } from '../shared/node-errors';
import { labelsOf, lookUp } from '../shared/subtitle';
import { operationProperties, route } from './actions/router';
import { filterProperties, optionProperties, pagingProperties } from './description/report-fields';
import { operationSelector, resourceSelector } from './description/selectors';

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
		// The report and its own fields (Positions From, above the credential it asks for), then the
		// fields the reports share.
		properties: [resourceSelector, operationSelector, ...operationProperties, credentialsSlot, ...pagingProperties, filterProperties, optionProperties, ledgerSelector],
	};

	methods = { credentialTest: { binanceCredentialTest, cryptoExchangeCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				for (const json of await route.call(this, itemIndex)) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = nodeErrorFor(this.getNode(), error, itemIndex);
				if (!this.continueOnFail()) throw nodeError;
				output.push({ json: { error: nodeError.message, details: nodeError.description ?? null }, pairedItem: { item: itemIndex } });
			}
		}
		return [output];
	}
}
