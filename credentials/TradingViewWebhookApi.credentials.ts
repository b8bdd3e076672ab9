import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The shared secret TradingView alerts must carry. There is no TradingView API to test it
 * against: the trigger checks it on every request instead.
 */
export class TradingViewWebhookApi implements ICredentialType {
	name = 'tradingViewWebhookApi';

	displayName = 'TradingView Webhook API';

	icon: Icon = {
		light: 'file:../icons/tradingViewWebhookApi.svg',
		dark: 'file:../icons/tradingViewWebhookApi.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Secret that every alert must carry (in the body field "token", the "token" query parameter or the X-Webhook-Token header). At least 12 characters; a long random string is best.',
		},
		{
			displayName: 'Secondary Token',
			name: 'secondaryToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Optional second token, also accepted: set the new token here, update your alerts, then make it the main token',
		},
	];
}
