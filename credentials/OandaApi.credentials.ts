import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

export class OandaApi implements ICredentialType {
	name = 'oandaApi';

	displayName = 'OANDA API';

	icon: Icon = { light: 'file:../icons/oandaApi.svg', dark: 'file:../icons/oandaApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#oanda';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{ displayName: 'Account ID', name: 'accountId', type: 'string', required: true, default: '', placeholder: '101-004-1234567-001' },
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Practice', value: 'practice' },
				{ name: 'Live', value: 'live' },
			],
			default: 'practice',
			description: 'Practice trades simulated money on api-fxpractice.oanda.com; Live trades real money',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://api-fxpractice.oanda.com',
			description: 'Leave empty to use the environment\'s address',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.baseUrl || ($credentials.environment === "live" ? "https://api-fxtrade.oanda.com" : "https://api-fxpractice.oanda.com")}}',
			url: '=/v3/accounts/{{$credentials.accountId}}/summary',
		},
	};
}
