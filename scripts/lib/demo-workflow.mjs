// The flow the demo publishes: examples/paper-trading.json (TradingView Trigger → Risk Check →
// Broker Order on the built-in Paper broker), with the demo's credential attached.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const examplesDir = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..', 'examples');
const example = JSON.parse(readFileSync(join(examplesDir, 'paper-trading.json'), 'utf8'));

export const DEMO_WEBHOOK_ID = example.nodes.find((node) => node.name === 'TradingView Trigger').webhookId;

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
		...example,
		id: 'demoPaperFlow0001',
		active: false,
		nodes: example.nodes.map((node) =>
			node.name === 'TradingView Trigger'
				? { ...node, credentials: { tradingViewWebhookApi: { id: credential.id, name: credential.name } } }
				: node,
		),
	};
}
