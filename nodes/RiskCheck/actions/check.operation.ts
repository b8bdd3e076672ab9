import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkAlert } from '../../../core/risk/check-alert';
import type { AccountView } from '../../../core/risk/position-rules';
import type { RawRiskParameters } from '../../../core/risk/build-risk-settings';
import type { Ledger } from '../../../core/ledger/ledger';
import { BROKER_CREDENTIAL_TYPES, createBroker, paperAccountOf } from '../../shared/brokers/broker-factory';
import { brokerOrderFollows } from '../../shared/alert-handlers';
import { alertMarksFor } from '../../shared/mark-started';
import { openNodeLedger } from '../../shared/node-ledger';
import { problemError } from '../../shared/node-errors';
import { checkPaperAccountProperties, checkProperties, checkSourceProperties } from '../description/check';
import type { RoutedItem } from './routed-item';

/** Where positions and P&L come from: above the credential slot, which the node puts right after. */
export const sourceDescription: INodeProperties[] = checkSourceProperties;

/** The Paper account and the rules. */
export const description: INodeProperties[] = [...checkPaperAccountProperties, ...checkProperties];

function parametersFor(context: IExecuteFunctions, itemIndex: number): RawRiskParameters {
	const sessions = context.getNodeParameter('tradingSession', itemIndex, {}) as { session?: IDataObject };
	const rates = context.getNodeParameter('rateLimits', itemIndex, {}) as { limit?: IDataObject[] };
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const counterName = String(options.counterName ?? '').trim();
	return {
		book: counterName === '' ? `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}` : `named:${counterName}`,
		killSwitch: String(context.getNodeParameter('killSwitch', itemIndex, '')),
		rules: context.getNodeParameter('rules', itemIndex, {}) as IDataObject,
		session: sessions.session ?? null,
		rateLimits: rates.limit ?? [],
		reservationTtlMinutes: Number(options.reservationTtlMinutes ?? 10),
		plan: context.getNodeParameter('orderPlan', itemIndex, {}) as IDataObject,
	};
}

/** The account named by Positions and P&L From, so each keeps its own day mark; the broker is only made when something is read. */
function accountViewFor(context: IExecuteFunctions, ledger: Ledger, itemIndex: number): AccountView {
	const source = context.getNodeParameter('positionSource', itemIndex, 'paper') as string;
	let broker: ReturnType<typeof createBroker> | null = null;
	const connect = async () => await (broker ??= createBroker(context, ledger, itemIndex, source));
	const owner = source === 'paper' ? paperAccountOf(context, itemIndex).account : (context.getNode().credentials?.[BROKER_CREDENTIAL_TYPES[source]]?.id ?? 'unsaved');
	return { key: `${source}:${owner}`, positions: async () => await (await connect()).listPositions(), account: async () => await (await connect()).getAccount() };
}

/** Check Alert: the item to Pass with the approved quantity, or to Reject with the reasons. */
export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<RoutedItem> {
	const ledger = await openNodeLedger(this, this.getNodeParameter('ledger', itemIndex, 'sqlite'));
	const item = this.getInputData()[itemIndex];
	const checked = await checkAlert(item.json, {
		risk: ledger.risk,
		parameters: () => parametersFor(this, itemIndex),
		account: () => accountViewFor(this, ledger, itemIndex),
		marks: alertMarksFor(this, ledger, 'Risk Check'),
		brokerOrderFollows: () => brokerOrderFollows(this),
	});
	if (!checked.ok) throw problemError(this.getNode(), checked.failure, itemIndex);
	const { decision, checkedAt, clampedQuantity } = checked.value;
	const json: IDataObject = { ...item.json, risk: { ...decision, checkedAt: checkedAt.toISOString() } as unknown as IDataObject };
	// Broker Order reads {{$json.quantity}}: a clamp must reach it.
	if (clampedQuantity !== undefined) json.quantity = clampedQuantity;
	return { passed: decision.passed, json };
}
