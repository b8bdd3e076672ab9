import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import type { IntakeResult } from '../../core/intake/intake-result';
import { receiveAlert } from '../../core/intake/receive-alert';
import { triggerProperties, WEBHOOK_PATH } from './description';
import { sweepInBackground } from '../../core/ledger/retention';
import type { SignalLedger } from '../../core/ledger/signal-ledger';
import { ledgerSelector } from '../shared/ledger-choice';
import { openNodeLedger } from '../shared/node-ledger';
import { intakeConfigFor } from './intake-context';
import { TRIGGER_OUTPUTS } from './outputs';
import { testTokenCredential } from './credential-test';
import { requestBodyText } from './request-body';

export class TradingViewTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TradingView Trigger',
		name: 'tradingViewTrigger',
		icon: {
			light: 'file:../../icons/tradingViewAutotrade.svg',
			dark: 'file:../../icons/tradingViewAutotrade.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '=Alerts to {{$parameter["rejectedOutput"] ? "accepted / rejected" : "accepted"}}',
		description: 'Receives TradingView alerts: verifies, parses, deduplicates and logs them',
		defaults: { name: 'TradingView Trigger' },
		inputs: [],
		outputs: TRIGGER_OUTPUTS,
		credentials: [
			{ name: 'tradingViewWebhookApi', required: true, testedBy: 'tradingViewTokenPolicy' },
			// n8n's built-in Postgres credential, on purpose: the ledger shares the user's database (docs/design/runtime-facts.md).
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed, @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references -- see above
			{ name: 'postgres', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: WEBHOOK_PATH,
			},
		],
		properties: [...triggerProperties, ledgerSelector],
	};

	methods = { credentialTest: { tradingViewTokenPolicy: testTokenCredential } };

	// TradingView has no API to register webhooks: activation only validates the configuration.
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await intakeConfigFor(this);
				await openNodeLedger(this, this.getNodeParameter('ledger', 'sqlite'));
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const receivedAt = new Date();
		const request = this.getRequestObject();
		const response = this.getResponseObject();
		let config;
		try {
			config = await intakeConfigFor(this);
		} catch (error) {
			// Nothing was accepted, so a 5xx is right: TradingView resends once it is fixed.
			response.status(500).json({ error: 'trigger_misconfigured', message: (error as Error).message });
			return { noWebhookResponse: true };
		}
		let ledger: SignalLedger;
		try {
			ledger = (await openNodeLedger(this, this.getNodeParameter('ledger', 'sqlite'))).signals;
		} catch {
			// For example Node < 22.13 without node:sqlite, or PostgreSQL down. Nothing was accepted: the sender may resend.
			response.status(500).json({ error: 'ledger_unavailable' });
			return { noWebhookResponse: true };
		}
		let result: IntakeResult;
		try {
			result = await receiveAlert(
				{
					receivedAt,
					rawBody: requestBodyText(request, this.getBodyData()),
					headers: this.getHeaderData(),
					query: this.getQueryData() as Record<string, unknown>,
					remoteAddress: request.socket?.remoteAddress,
				},
				config,
				ledger,
			);
		} catch {
			// receiveAlert answers every body itself; reaching here is a bug. Answer without
			// starting an execution, and without a 5xx that would make TradingView resend.
			response.status(400).json({ error: 'invalid_alert', details: [{ field: 'body', message: 'the alert could not be read' }] });
			return { noWebhookResponse: true };
		}
		// Answer first: the alert is already in the ledger, and TradingView gives up after 3 s.
		response.status(result.answer.status).json(result.answer.body);
		sweepInBackground(ledger, async (cutoff) => await ledger.purgeSignalsBefore(cutoff), new Date(), config.retentionDays);

		const withRejectedOutput = this.getNodeParameter('rejectedOutput', false) as boolean;
		if (result.outcome === 'accepted') {
			const accepted = [{ json: result.alert as unknown as IDataObject }];
			return { noWebhookResponse: true, workflowData: withRejectedOutput ? [accepted, []] : [accepted] };
		}
		if (result.outcome === 'rejected' && withRejectedOutput) {
			return {
				noWebhookResponse: true,
				workflowData: [[], [{ json: result.rejection as unknown as IDataObject }]],
			};
		}
		return { noWebhookResponse: true };
	}
}
