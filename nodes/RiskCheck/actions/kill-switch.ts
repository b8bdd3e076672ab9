import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger/ledger';

export async function killSwitchOperation(
	context: IExecuteFunctions,
	ledger: Ledger,
	operation: 'setKillSwitch' | 'getKillSwitch',
	itemIndex: number,
): Promise<IDataObject> {
	const name = String(context.getNodeParameter('switchName', itemIndex, '')).trim();
	if (name === '') throw new NodeOperationError(context.getNode(), 'Kill Switch Name is empty', { itemIndex });
	if (operation === 'getKillSwitch') return { killSwitch: (await ledger.risk.getKillSwitch(name)) as unknown as IDataObject };
	const state = String(context.getNodeParameter('switchState', itemIndex, 'on')).trim().toLowerCase();
	if (state !== 'on' && state !== 'off') {
		throw new NodeOperationError(context.getNode(), `Turn must be "on" or "off", not "${state}"`, { itemIndex });
	}
	const reason = String(context.getNodeParameter('switchReason', itemIndex, '')).trim();
	const updated = await ledger.risk.setKillSwitch(name, state === 'on', reason === '' ? null : reason, new Date());
	return { killSwitch: updated as unknown as IDataObject };
}
