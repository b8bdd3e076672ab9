import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** Binance signs every request with HMAC-SHA256, which a declarative test request cannot do: the Broker Order node tests it. */
export class BinanceApi implements ICredentialType {
	name = 'binanceApi';

	displayName = 'Binance API';

	icon: Icon = { light: 'file:../icons/binanceApi.svg', dark: 'file:../icons/binanceApi.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-tradingview-autotrade/n8n-nodes-tradingview-autotrade#binance';

	properties: INodeProperties[] = [
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{ displayName: 'Secret Key', name: 'secretKey', type: 'string', typeOptions: { password: true }, required: true, default: '' },
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Testnet', value: 'testnet' },
				{ name: 'Live', value: 'live' },
			],
			default: 'testnet',
			description: 'Testnet trades test funds (testnet.binance.vision, testnet.binancefuture.com); Live trades real money',
		},
		{
			displayName: 'Market',
			name: 'market',
			type: 'options',
			options: [
				{ name: 'Spot', value: 'spot' },
				{ name: 'USD-M Futures', value: 'usdm' },
			],
			default: 'spot',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			description: "Leave empty to use the environment's address",
		},
	];
}
