import type { ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Tradovate signs in with the user's login plus an API key (CID and secret), which needs the API
 * Access add-on on the account. The Broker Order node asks for the access token itself (and
 * renews it), so the credential only holds what the token request needs.
 */
export class TradovateApi implements ICredentialType {
	name = 'tradovateApi';

	displayName = 'Tradovate API';

	icon: Icon = { light: 'file:../icons/tradovateApi.svg', dark: 'file:../icons/tradovateApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade/blob/main/docs/reference/tradovate.md';

	properties: INodeProperties[] = [
		{ displayName: 'Username', name: 'username', type: 'string', required: true, default: '' },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			required: true,
			default: '',
			description: 'The name of the API key, as created under Application Settings → API Access in Tradovate',
		},
		{ displayName: 'App Version', name: 'appVersion', type: 'string', required: true, default: '1.0' },
		{ displayName: 'CID', name: 'cid', type: 'number', required: true, default: 0, description: "The API key's ID (a number)" },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, required: true, default: '', description: "The API key's secret" },
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Demo', value: 'demo' },
				{ name: 'Live', value: 'live' },
			],
			default: 'demo',
			description: 'Demo trades simulated money on demo.tradovateapi.com; Live trades real money on live.tradovateapi.com',
		},
		{
			displayName: 'Account',
			name: 'account',
			type: 'string',
			default: '',
			placeholder: 'DEMO1234567',
			description: 'The account to trade, by name or ID. Leave empty when the login has only one.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://demo.tradovateapi.com/v1',
			description: "Leave empty to use the environment's address",
		},
	];

	// The test is the token request: Tradovate answers a refused sign-in with HTTP 200 and an
	// errorText, so an answer without an access token is the failure.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl || ($credentials.environment === "live" ? "https://live.tradovateapi.com/v1" : "https://demo.tradovateapi.com/v1")}}',
			url: '/auth/accesstokenrequest',
			method: 'POST',
			body: {
				name: '={{$credentials.username}}',
				password: '={{$credentials.password}}',
				appId: '={{$credentials.appId}}',
				appVersion: '={{$credentials.appVersion}}',
				cid: '={{$credentials.cid}}',
				sec: '={{$credentials.secret}}',
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'accessToken',
					value: undefined,
					message: 'Tradovate refused the sign-in: check the username, password, App ID, CID and secret, and that the API Access add-on is active',
				},
			},
		],
	};
}
