import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class AlpacaApi implements ICredentialType {
	name = 'alpacaApi';

	displayName = 'Alpaca API';

	icon: Icon = { light: 'file:../icons/alpacaApi.svg', dark: 'file:../icons/alpacaApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#alpaca';

	properties: INodeProperties[] = [
		{ displayName: 'API Key ID', name: 'keyId', type: 'string', required: true, default: '' },
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Paper', value: 'paper' },
				{ name: 'Live', value: 'live' },
			],
			default: 'paper',
			description: 'Paper trades simulated money on paper-api.alpaca.markets; Live trades real money',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://paper-api.alpaca.markets',
			description: 'Leave empty to use the environment\'s address',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'APCA-API-KEY-ID': '={{$credentials.keyId}}',
				'APCA-API-SECRET-KEY': '={{$credentials.secretKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl || ($credentials.environment === "live" ? "https://api.alpaca.markets" : "https://paper-api.alpaca.markets")}}',
			url: '/v2/account',
		},
	};
}
