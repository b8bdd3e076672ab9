// The flow the demo publishes: TradingView Trigger → Broker Order on the built-in Paper broker.
// (Risk Check joins it when that node ships.)
export const DEMO_WEBHOOK_ID = '0d5e3f3c-7a41-4b8e-9a0c-1f2e3d4c5b6a';

export function demoCredential(token) {
	return {
		id: 'demoTvCredential1',
		name: 'TradingView demo token',
		type: 'tradingViewWebhookApi',
		data: { token, secondaryToken: '' },
	};
}

export function demoWorkflow(credential) {
	return {
		id: 'demoPaperFlow0001',
		name: 'TradingView demo',
		active: false,
		nodes: [
			{
				id: 'demo-trigger',
				name: 'TradingView Trigger',
				type: 'n8n-nodes-tradingview-autotrade.tradingViewTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: DEMO_WEBHOOK_ID,
				parameters: { options: {} },
				credentials: { tradingViewWebhookApi: { id: credential.id, name: credential.name } },
			},
			{
				id: 'demo-order',
				name: 'Broker Order',
				type: 'n8n-nodes-tradingview-autotrade.brokerOrder',
				typeVersion: 1,
				position: [300, 0],
				parameters: { paperAccount: 'demo' },
			},
		],
		connections: { 'TradingView Trigger': { main: [[{ node: 'Broker Order', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
