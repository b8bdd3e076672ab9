import type { IDataObject, INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RecoveryPass } from '../../core/ledger/alert-fate';
import { PROCESS_ID } from '../../core/ledger/process-identity';
import { lostItem, recoveredItem, recoveryPolicy, recoverySettingsSchema } from '../../core/recovery/recovery-settings';
import { ledgerSelector } from '../shared/ledger-choice';
import { openNodeLedger } from '../shared/node-ledger';
import { issuesToMessage } from '../shared/zod-issues';
import { recoveryProperties } from './description';

export class AlertRecoveryTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'TradingView Alert Recovery Trigger',
		name: 'alertRecoveryTrigger',
		icon: {
			light: 'file:../../icons/alertRecovery.svg',
			dark: 'file:../../icons/alertRecovery.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '=Every {{$parameter["checkEverySeconds"]}} s',
		description: 'Re-runs accepted TradingView alerts whose execution never started or died with its n8n process',
		defaults: { name: 'TradingView Alert Recovery Trigger' },
		inputs: [],
		outputs: [
			{ type: 'main', displayName: 'Recovered' },
			{ type: 'main', displayName: 'Given Up' },
		],
		credentials: [
			// n8n's built-in Postgres credential, on purpose: the ledger shares the user's database (docs/design/runtime-facts.md).
			// eslint-disable-next-line n8n-nodes-base/node-class-description-credentials-name-unsuffixed, @n8n/community-nodes/no-credential-reuse, @n8n/community-nodes/valid-credential-references -- see above
			{ name: 'postgres', required: true, displayOptions: { show: { ledger: ['postgres'] } } },
		],
		properties: [...recoveryProperties, ledgerSelector],
	};

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const parsed = recoverySettingsSchema.safeParse({
			checkEverySeconds: this.getNodeParameter('checkEverySeconds', 15),
			notStartedAfterSeconds: this.getNodeParameter('notStartedAfterSeconds', 120),
			giveUpAfterMinutes: this.getNodeParameter('giveUpAfterMinutes', 5),
			maxAttempts: this.getNodeParameter('maxAttempts', 3),
		});
		if (!parsed.success) {
			throw new NodeOperationError(this.getNode(), `Alert Recovery is misconfigured: ${issuesToMessage(parsed.error.issues)}`);
		}
		const settings = parsed.data;
		const ledgerChoice = this.getNodeParameter('ledger', 'sqlite');
		const workflowId = String(this.getWorkflow().id ?? 'unsaved');
		// Opening the ledger now reports a wrong setting when the workflow is published.
		await openNodeLedger(this, ledgerChoice);

		if (this.getMode() === 'manual') {
			// A test run must not take alerts from the published workflow's recovery.
			return { manualTriggerFunction: async () => this.emit([[], []]) };
		}

		let running = false;
		const pass = async (): Promise<void> => {
			if (running) return;
			running = true;
			try {
				const ledger = await openNodeLedger(this, ledgerChoice);
				const now = new Date();
				const result: RecoveryPass = await ledger.fates.recoverAlerts(recoveryPolicy(settings, workflowId, now, PROCESS_ID));
				if (result.recovered.length === 0 && result.lost.length === 0) return;
				this.emit([
					result.recovered.map((alert) => ({ json: recoveredItem(alert, now) as IDataObject })),
					result.lost.map((fate) => ({ json: lostItem(fate, now) as IDataObject })),
				]);
			} catch (error) {
				// The ledger did not answer: the next pass tries again, nothing was taken.
				this.logger.warn(`TradingView Alert Recovery could not check the ledger: ${(error as Error).message}`);
			} finally {
				running = false;
			}
		};
		const timer = setInterval(() => void pass(), settings.checkEverySeconds * 1_000);
		void pass();
		return { closeFunction: async () => clearInterval(timer) };
	}
}
