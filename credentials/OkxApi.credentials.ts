import { createHmac } from 'node:crypto';

import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

/**
 * OKX v5: every private request is signed (OK-ACCESS-SIGN = base64 HMAC-SHA256 of timestamp +
 * method + path + body) and carries the passphrase, so authenticate signs the test request; the
 * Broker Order node's orders go through ccxt, which signs its own.
 */
export class OkxApi implements ICredentialType {
	name = 'okxApi';

	displayName = 'OKX API';

	icon: Icon = { light: 'file:../icons/okxApi.svg', dark: 'file:../icons/okxApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#okx';

	properties: INodeProperties[] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{ displayName: 'Passphrase', name: 'passphrase', type: 'string', typeOptions: { password: true }, required: true, default: '', description: 'The passphrase set when the API key was created' },
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Demo Trading', value: 'demo' },
				{ name: 'Live', value: 'live' },
			],
			default: 'demo',
			description: 'Demo trading uses a demo-trading API key and test funds (header x-simulated-trading: 1); Live trades real money',
		},
		{
			displayName: 'Position Mode',
			name: 'positionMode',
			type: 'options',
			options: [
				{ name: 'One-Way (Net)', value: 'one-way' },
				{ name: 'Hedge (Long/Short)', value: 'hedge' },
			],
			default: 'one-way',
			description: "The account's position mode, as set at OKX: orders carry posSide net, or long/short",
		},
		{
			displayName: 'Margin Mode',
			name: 'marginMode',
			type: 'options',
			options: [
				{ name: 'Cross', value: 'cross' },
				{ name: 'Isolated', value: 'isolated' },
			],
			default: 'cross',
			description: 'The tdMode of every order, and the margin mode the leverage is set for',
		},
		{
			displayName: 'Leverage',
			name: 'leverage',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 125 },
			default: 0,
			description: 'Set on each symbol before its first order; 0 leaves the leverage as the account has it',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', description: "Leave empty to use OKX's address (https://www.okx.com)" },
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const timestamp = new Date().toISOString();
		const method = (requestOptions.method ?? 'GET').toUpperCase();
		const body = requestOptions.body === undefined || requestOptions.body === '' ? '' : JSON.stringify(requestOptions.body);
		const sign = createHmac('sha256', String(credentials.secret ?? '').trim()).update(`${timestamp}${method}${requestOptions.url}${body}`).digest('base64');
		const headers: Record<string, string> = {
			'OK-ACCESS-KEY': String(credentials.apiKey ?? '').trim(),
			'OK-ACCESS-SIGN': sign,
			'OK-ACCESS-TIMESTAMP': timestamp,
			'OK-ACCESS-PASSPHRASE': String(credentials.passphrase ?? '').trim(),
		};
		if (credentials.environment !== 'live') headers['x-simulated-trading'] = '1';
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || "https://www.okx.com").replace(/\\/+$/, "")}}',
			url: '/api/v5/account/config',
		},
	};
}
