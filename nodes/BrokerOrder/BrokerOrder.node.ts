import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binanceCredentialTest, cryptoExchangeCredentialTest } from '../shared/brokers/ccxt-credential-tests';
import { nodeErrorFor } from '../shared/node-errors';
import { alertDescription } from './actions/order/place.operation';
import { operationProperties, route } from './actions/router';
import { paperProperties } from './description/paper';
import { ledgerSelector } from '../shared/ledger-choice';
import { labelsOf, lookUp } from '../shared/subtitle';
import { brokerSelector, operationSelectors, resourceSelector } from './description/selectors';
import { credentialsSlot } from '../shared/credentials-slot';
import { alertIdOfItem, withAlertId } from '../shared/alert-id-error';

const BROKER_NAMES = { alpaca: 'Alpaca', binance: 'Binance', bybit: 'Bybit', oanda: 'OANDA', okx: 'OKX', ccxt: 'ccxt', paper: 'Paper', tradovate: 'Tradovate' };
const ACTIONS: Record<string, string> = {};
for (const selector of operationSelectors) {
	const resource = selector.displayOptions?.show?.resource?.[0] as string;
	for (const [operation, action] of Object.entries(labelsOf(selector, (option) => option.action ?? option.name))) ACTIONS[`${resource}.${operation}`] = action;
}
/** "Paper: Place from alert", "Alpaca: Close all positions". */
export const BROKER_ORDER_SUBTITLE = `={{ ${lookUp(BROKER_NAMES, '$parameter["broker"]')} + ": " + ${lookUp(ACTIONS, '$parameter["resource"] + "." + $parameter["operation"]')} }}`;

// Deliberately not usableAsTool: an AI agent must not place live orders unless a user builds
// that on purpose (n8n's type allows only `true` or a tool description, so it is left out).
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool -- see the comment above
export class BrokerOrder implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Broker Order',
		name: 'brokerOrder',
		icon: {
			light: 'file:../../icons/brokerOrder.svg',
			dark: 'file:../../icons/brokerOrder.dark.svg',
		},
		group: ['output'],
		version: 1,
		subtitle: BROKER_ORDER_SUBTITLE,
		description: 'Places, cancels and reads orders and positions, never twice for the same alert',
		defaults: { name: 'Broker Order' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'alpacaApi', required: true, displayOptions: { show: { broker: ['alpaca'] } } },
			{ name: 'oandaApi', required: true, displayOptions: { show: { broker: ['oanda'] } } },
			{ name: 'tradovateApi', required: true, displayOptions: { show: { broker: ['tradovate'] } } },
			{ name: 'bybitApi', required: true, displayOptions: { show: { broker: ['bybit'] } } },
			{ name: 'okxApi', required: true, displayOptions: { show: { broker: ['okx'] } } },
			{
				name: 'binanceApi',
				required: true,
				displayOptions: { show: { broker: ['binance'] } },
				testedBy: 'binanceCredentialTest',
			},
			{
				name: 'cryptoExchangeApi',
				required: true,
				displayOptions: { show: { broker: ['ccxt'] } },
				testedBy: 'cryptoExchangeCredentialTest',
			},
			// n8n's built-in Postgres credential, on purpose: the ledger shares the user's database (docs/design/runtime-facts.md).
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed, @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references -- see above
			{ name: 'postgres', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
		],
		// What a user sets first (broker and its credential, resource, operation, and the operation's
		// own fields, such as Place's sizing), then the paper account, Place's alert fields whose
		// defaults read the trigger's output, and its options.
		properties: [
			brokerSelector,
			credentialsSlot,
			resourceSelector,
			...operationSelectors,
			...operationProperties,
			...paperProperties,
			...alertDescription,
			ledgerSelector,
		],
	};

	methods = { credentialTest: { binanceCredentialTest, cryptoExchangeCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				for (const json of await route.call(this, itemIndex)) output.push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				const nodeError = withAlertId(nodeErrorFor(this.getNode(), error, itemIndex), alertIdOfItem(this, itemIndex));
				if (this.continueOnFail()) {
					// Only these keys: n8n routes an item made of error/message/details to the error output.
					output.push({ json: { error: nodeError.message, details: nodeError.description ?? null }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw nodeError;
			}
		}
		return [output];
	}
}
