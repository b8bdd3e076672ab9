import type { INodeProperties } from 'n8n-workflow';

import { credentialsSlot } from '../shared/credentials-slot';

import { TRADINGVIEW_WEBHOOK_IPS } from '../../core/signal/source-ip';

export const WEBHOOK_PATH = 'alert';


export const triggerProperties: INodeProperties[] = [
	credentialsSlot,
	{
		displayName:
			'Point your TradingView alert\'s Webhook URL at the Production URL above. Every alert must carry the credential\'s token, in one of three ways:<ul><li>JSON message: a field "token": "…"</li><li>text message: a pair token=…</li><li>Webhook URL: ?token=… at its end</li></ul>The message field\'s name is set in Options → Token Field Name ("passphrase" works too). Senders other than TradingView can also use the X-Webhook-Token header.',
		name: 'setupNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Add Rejected Output',
		name: 'rejectedOutput',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description:
			'Whether to add a second output that receives every refused request (reason, HTTP status, redacted body, source IP) so the workflow can notify someone. Each refused request then starts an execution.',
	},
	{
		displayName: 'Restrict Source IPs',
		name: 'restrictSourceIps',
		type: 'boolean',
		default: false,
		noDataExpression: true,
		description: 'Whether to refuse (403) requests that do not come from the allowed addresses',
	},
	{
		displayName: 'Allowed IPs',
		name: 'allowedIps',
		type: 'string',
		default: TRADINGVIEW_WEBHOOK_IPS.join(', '),
		displayOptions: { show: { restrictSourceIps: [true] } },
		description:
			"Addresses or CIDR ranges, separated by commas. The preset is TradingView's published webhook addresses.",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Non-ASCII Symbols',
				name: 'allowNonAsciiSymbols',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept a symbol or exchange holding characters beyond ASCII. Off, such a symbol is refused (400): a Cyrillic "А" looks like "A" but names another instrument. Invisible and control characters are always refused.',
			},
			{
				displayName: 'Answer After the Execution Is Queued',
				name: 'answerAfterQueued',
				type: 'boolean',
				default: false,
				description:
					'Whether n8n sends the "accepted" answer only once it has stored (and in queue mode queued) the execution, as its own Webhook node does. Slower under a burst of alerts; off, the answer goes first and the TradingView Alert Recovery Trigger re-runs an alert whose execution was lost.',
			},
			{
				displayName: 'Duplicate Window (Minutes)',
				name: 'duplicateWindowMinutes',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 10,
				description:
					'An alert whose ID was already accepted within this window is answered "duplicate" and starts nothing. 0 turns the check off.',
			},
			{
				displayName: 'Max Alert Age (Seconds)',
				name: 'maxAlertAgeSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description:
					'Refuse (422) an alert whose time field is older than this. Alerts without a time pass. 0 turns the check off.',
			},
			{
				displayName: 'Redeliver If Not Started After (Seconds)',
				name: 'redeliverIfNotStartedAfterSeconds',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 0,
				description:
					'Accept a resend of an accepted alert again ("accepted", redelivered) when its execution was never marked started this many seconds after it was accepted, e.g. n8n failed to start it. Only Risk Check and Broker Order mark an alert started: use it only in flows that have one of them, with the same Ledger setting. Has an effect only when shorter than the Duplicate Window. 0 turns it off.',
			},
			{
				displayName: 'Signal Log Retention (Days)',
				name: 'retentionDays',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 90,
				description: 'How long the signal log keeps each request. 0 keeps them forever.',
			},
			{
				displayName: 'Token Field Name',
				name: 'authFieldName',
				type: 'string',
				default: 'token',
				description: 'Name of the body field that carries the token ("passphrase" is always accepted too)',
			},
			{
				displayName: 'Trust X-Forwarded-For From',
				name: 'trustedProxies',
				type: 'string',
				default: '',
				placeholder: '127.0.0.1, 10.0.0.0/8',
				description:
					'Addresses or CIDR ranges of your reverse proxies. Only requests arriving from them have their X-Forwarded-For header believed.',
			},
		],
	},
];
