import type { INodeProperties } from 'n8n-workflow';

import { credentialsSlot } from '../shared/credentials-slot';


export const recoveryProperties: INodeProperties[] = [
	credentialsSlot,
	{
		displayName:
			'Put this node in the same workflow as the TradingView Trigger and connect it where the trigger connects (usually Risk Check). While the workflow is published it re-runs alerts the trigger accepted whose execution never started or stopped with its n8n process. Risk Check and Broker Order handle a re-run alert once: nothing is ordered twice.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Check Every (Seconds)',
		name: 'checkEverySeconds',
		type: 'number',
		typeOptions: { minValue: 5 },
		default: 15,
		description: 'How often the ledger is checked for stranded alerts',
	},
	{
		displayName: 'Re-Run If Not Started After (Seconds)',
		name: 'notStartedAfterSeconds',
		type: 'number',
		typeOptions: { minValue: 10 },
		default: 120,
		description:
			'An accepted alert whose execution has not reached Risk Check or Broker Order after this long is re-run. Set it above the longest queue wait you expect under a burst.',
	},
	{
		displayName: 'Give Up After (Minutes)',
		name: 'giveUpAfterMinutes',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 5,
		description:
			'Alerts older than this are not re-run (a late order is worse than none) but sent to the Given Up output, for a notification',
	},
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 3,
		description: 'How many times one alert is re-run before it is given up',
	},
];
