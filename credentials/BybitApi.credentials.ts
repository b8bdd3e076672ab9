import { createHmac } from 'node:crypto';

import type { ICredentialDataDecryptedObject, ICredentialTestRequest, ICredentialType, IHttpRequestOptions, INodeProperties, Icon } from 'n8n-workflow';

/**
 * Bybit V5: every private request is signed (X-BAPI-SIGN = hex HMAC-SHA256 of timestamp + key +
 * recvWindow + query), so authenticate signs the test request; the Broker Order node's orders go
 * through ccxt, which signs its own.
 */
export class BybitApi implements ICredentialType {
	name = 'bybitApi';

	displayName = 'Bybit API';

	icon: Icon = { light: 'file:../icons/bybitApi.svg', dark: 'file:../icons/bybitApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#bybit';

	properties: INodeProperties[] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Testnet', value: 'testnet' },
				{ name: 'Live', value: 'live' },
			],
			default: 'testnet',
			description: 'Testnet trades test funds (api-testnet.bybit.com); Live trades real money (api.bybit.com)',
		},
		{
			displayName: 'Position Mode',
			name: 'positionMode',
			type: 'options',
			options: [
				{ name: 'One-Way', value: 'one-way' },
				{ name: 'Hedge', value: 'hedge' },
			],
			default: 'one-way',
			description: "The account's position mode for USDT perpetuals, as set at Bybit: orders carry positionIdx 0 (one-way) or 1/2 (hedge: long/short)",
		},
		{
			displayName: 'Leverage',
			name: 'leverage',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 200 },
			default: 0,
			description: 'Set on each symbol before its first order; 0 leaves the leverage as the account has it',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '', description: "Leave empty to use the environment's address" },
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const key = String(credentials.apiKey ?? '').trim();
		const timestamp = String(Date.now());
		const recvWindow = '10000';
		const query = requestOptions.url.includes('?') ? requestOptions.url.slice(requestOptions.url.indexOf('?') + 1) : '';
		const sign = createHmac('sha256', String(credentials.secret ?? '').trim()).update(`${timestamp}${key}${recvWindow}${query}`).digest('hex');
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-BAPI-API-KEY': key, 'X-BAPI-TIMESTAMP': timestamp, 'X-BAPI-RECV-WINDOW': recvWindow, 'X-BAPI-SIGN': sign },
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{($credentials.baseUrl || ($credentials.environment === "live" ? "https://api.bybit.com" : "https://api-testnet.bybit.com")).replace(/\\/+$/, "")}}',
			url: '/v5/account/wallet-balance?accountType=UNIFIED',
		},
		// Bybit answers a refused key with HTTP 200 and its retCode
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'retCode', value: 10003, message: 'Bybit refused the API key (10003): check the key and the environment' } },
			{ type: 'responseSuccessBody', properties: { key: 'retCode', value: 10004, message: 'Bybit refused the signature (10004): check the secret' } },
			{ type: 'responseSuccessBody', properties: { key: 'retCode', value: 10005, message: 'The API key lacks a permission Bybit requires (10005)' } },
			{ type: 'responseSuccessBody', properties: { key: 'retCode', value: 10010, message: 'Bybit refused the request from this IP address (10010)' } },
			{ type: 'responseSuccessBody', properties: { key: 'retCode', value: 33004, message: 'The Bybit API key has expired (33004)' } },
		],
	};
}
