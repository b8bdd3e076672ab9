import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binanceCredentialTest, cryptoExchangeCredentialTest } from '../shared/brokers/ccxt-credential-tests';
import { ledgerSelector } from '../shared/ledger-choice';
import { nodeErrorFor } from '../shared/node-errors';
import { labelsOf, lookUp } from '../shared/subtitle';
import { sourceDescription } from './actions/check.operation';
import { operationProperties, route } from './actions/router';
import { operationSelector } from './description/operation';
import { credentialsSlot } from '../shared/credentials-slot';
import { alertIdOfItem, withAlertId } from '../shared/alert-id-error';

/** "Pass / Reject", "Release Reservation", "Set Kill Switch: main". */
export const RISK_CHECK_SUBTITLE = `={{ $parameter["operation"] === "check" ? "Pass / Reject" : ${lookUp(labelsOf(operationSelector), '$parameter["operation"]')} + ($parameter["operation"] === "setKillSwitch" || $parameter["operation"] === "getKillSwitch" ? ": " + ($parameter["switchName"] || "") : "") }}`;

// Not usableAsTool: a check reserves places in the order counters, and a tool call could turn a
// kill switch off; both must stay steps a user wires on purpose.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- see the comment above
export class RiskCheck implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Risk Check',
		name: 'riskCheck',
		icon: {
			light: 'file:../../icons/riskCheck.svg',
			dark: 'file:../../icons/riskCheck.dark.svg',
		},
		group: ['transform'],
		version: 1,
		subtitle: RISK_CHECK_SUBTITLE,
		description: 'Enforces order limits, trading sessions and a kill switch before an order is placed',
		defaults: { name: 'Risk Check' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Pass', 'Reject'],
		credentials: [
			{ name: 'alpacaApi', required: true, displayOptions: { show: { operation: ['check'], positionSource: ['alpaca'] } } },
			{ name: 'oandaApi', required: true, displayOptions: { show: { operation: ['check'], positionSource: ['oanda'] } } },
			{ name: 'tradovateApi', required: true, displayOptions: { show: { operation: ['check'], positionSource: ['tradovate'] } } },
			{ name: 'bybitApi', required: true, displayOptions: { show: { operation: ['check'], positionSource: ['bybit'] } } },
			{ name: 'okxApi', required: true, displayOptions: { show: { operation: ['check'], positionSource: ['okx'] } } },
			{
				name: 'binanceApi',
				required: true,
				displayOptions: { show: { operation: ['check'], positionSource: ['binance'] } },
				testedBy: 'binanceCredentialTest',
			},
			{
				name: 'cryptoExchangeApi',
				required: true,
				displayOptions: { show: { operation: ['check'], positionSource: ['ccxt'] } },
				testedBy: 'cryptoExchangeCredentialTest',
			},
			// n8n's built-in Postgres credential, on purpose: the ledger shares the user's database (docs/design/runtime-facts.md).
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed, @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references -- see above
			{ name: 'postgres', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
		],
		properties: [
			operationSelector,
			...sourceDescription,
			credentialsSlot,
			...operationProperties,
			ledgerSelector,
		],
	};

	methods = { credentialTest: { binanceCredentialTest, cryptoExchangeCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const pass: INodeExecutionData[] = [];
		const reject: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const { passed, json } = await route.call(this, itemIndex);
				(passed ? pass : reject).push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = withAlertId(nodeErrorFor(this.getNode(), error, itemIndex), alertIdOfItem(this, itemIndex));
				if (!this.continueOnFail()) throw nodeError;
				// An item that could not be checked never passes.
				reject.push({
					json: { ...items[itemIndex].json, risk: { passed: false, reasons: [{ code: 'check_failed', message: nodeError.message }] } },
					pairedItem: { item: itemIndex },
				});
			}
		}
		return [pass, reject];
	}
}
