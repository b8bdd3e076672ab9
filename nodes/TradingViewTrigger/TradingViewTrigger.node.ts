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
import { LedgerSettingError, openNodeLedger } from '../shared/node-ledger';
import { answersAfterQueued } from './answer-timing';
import { CredentialsUnavailableError, intakeConfigFor } from './intake-context';
import { TRIGGER_OUTPUTS } from './outputs';
import { testTokenCredential } from './credential-test';
import { readUnreadBody, requestBody } from './request-body';

export class TradingViewTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TradingView Trigger',
		name: 'tradingViewTrigger',
		icon: {
			light: 'file:../../icons/tradingViewAutotrade.svg',
			dark: 'file:../../icons/tradingViewAutotrade.dark.svg',
		},
		group: ['trigger'],
		// Version 2 behaves the same; n8n skips an expression evaluation per request for it
		// (docs/design/runtime-facts.md). Workflows saved with version 1 keep working.
		version: [1, 2],
		defaultVersion: 2,
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
				// Empty, so n8n's own answer (queue mode, see webhook()) is the body webhook() returns.
				responseData: '',
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
		// Nothing is accepted before the ledger admits the alert, so every failure up to there is a
		// 5xx: TradingView resends it (except 504) once the cause is gone.
		const refuse = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};
		let config;
		try {
			config = await intakeConfigFor(this);
		} catch (error) {
			if (error instanceof CredentialsUnavailableError) return refuse(503, { error: 'credentials_unavailable' });
			return refuse(500, { error: 'trigger_misconfigured', message: (error as Error).message });
		}
		let ledger: SignalLedger;
		try {
			ledger = (await openNodeLedger(this, this.getNodeParameter('ledger', 'sqlite'))).signals;
		} catch (error) {
			if (error instanceof LedgerSettingError) return refuse(500, { error: 'trigger_misconfigured', message: error.message });
			// PostgreSQL down or busy, or a Node without node:sqlite.
			return refuse(503, { error: 'ledger_unavailable' });
		}
		await readUnreadBody(request as unknown as Parameters<typeof readUnreadBody>[0]);
		let result: IntakeResult;
		try {
			result = await receiveAlert(
				{
					receivedAt,
					rawBody: requestBody(request, this.getBodyData()),
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
			return refuse(400, { error: 'invalid_alert', details: [{ field: 'body', message: 'the alert could not be read' }] });
		}
		sweepInBackground(ledger, async (cutoff) => await ledger.purgeSignalsBefore(cutoff), new Date(), config.retentionDays);

		const withRejectedOutput = this.getNodeParameter('rejectedOutput', false) as boolean;
		if (result.outcome === 'accepted') {
			const accepted = [{ json: result.alert as unknown as IDataObject }];
			const workflowData = withRejectedOutput ? [accepted, []] : [accepted];
			// Optionally n8n answers once the execution is stored and queued, so an alert answered
			// `accepted` is never only in this process's memory (docs/design/alert-recovery.md).
			const options = this.getNodeParameter('options', {}) as IDataObject;
			if (answersAfterQueued(options.answerAfterQueued)) return { webhookResponse: result.answer.body, workflowData };
			// Answer first: TradingView gives up after 3 s; the recovery trigger covers a lost execution.
			response.status(result.answer.status).json(result.answer.body);
			return { noWebhookResponse: true, workflowData };
		}
		response.status(result.answer.status).json(result.answer.body);
		if (result.outcome === 'rejected' && withRejectedOutput) {
			return {
				noWebhookResponse: true,
				workflowData: [[], [{ json: result.rejection as unknown as IDataObject }]],
			};
		}
		return { noWebhookResponse: true };
	}
}
