// The flow the demo publishes: TradingView Trigger → a NoOp that shows the accepted alert.
// (Risk Check and Broker Order join it when those nodes ship.)
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
				id: 'demo-accepted',
				name: 'Accepted Alert',
				type: 'n8n-nodes-base.noOp',
				typeVersion: 1,
				position: [300, 0],
				parameters: {},
			},
		],
		connections: { 'TradingView Trigger': { main: [[{ node: 'Accepted Alert', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
