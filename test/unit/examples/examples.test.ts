import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The files in examples/ are what users import: well-formed, free of secrets, and each one run
// by the end-to-end suite.

const root = join(__dirname, '..', '..', '..');
const examplesDir = join(root, 'examples');
const files = readdirSync(examplesDir).filter((file) => file.endsWith('.json')).sort();
const e2eSources = readdirSync(join(root, 'test', 'e2e'), { recursive: true })
	.map(String)
	.filter((file) => file.endsWith('.ts'))
	.map((file) => readFileSync(join(root, 'test', 'e2e', file), 'utf8'))
	.join('\n');

interface ExampleNode {
	name: string;
	type: string;
	credentials?: unknown;
	parameters: Record<string, unknown>;
}

function read(file: string): { name: string; nodes: ExampleNode[]; connections: Record<string, { main: Array<Array<{ node: string }> | null> }> } {
	return JSON.parse(readFileSync(join(examplesDir, file), 'utf8'));
}

describe('examples/', () => {
	it('holds the examples the README documents', () => {
		expect(files).toEqual(
			expect.arrayContaining([
				'paper-trading.json',
				'human-approval.json',
				'human-approval-telegram.json',
				'reconciliation.json',
				'kill-switch-by-webhook.json',
				'alpaca-paper-trading.json',
				'binance-testnet-trading.json',
				'oanda-practice-trading.json',
			]),
		);
		const readme = readFileSync(join(root, 'README.md'), 'utf8');
		for (const file of files) expect(readme).toContain(`examples/${file}`);
	});

	it.each(files)('%s is imported by an end-to-end test', (file) => {
		expect(e2eSources).toContain(`'${file}'`);
	});

	it.each(files)('%s has unique node names, connections between its own nodes, and known node types', (file) => {
		const workflow = read(file);
		const names = workflow.nodes.map((node) => node.name);
		expect(new Set(names).size).toBe(names.length);
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of outputs.main.flat()) expect(names).toContain(target?.node);
		}
		for (const node of workflow.nodes) expect(node.type).toMatch(/^(n8n-nodes-tradingview-autotrade|n8n-nodes-base)\./);
	});

	it.each(files)('%s carries no credentials and no live trading setting', (file) => {
		const text = readFileSync(join(examplesDir, file), 'utf8');
		for (const node of read(file).nodes) expect(node.credentials).toBeUndefined();
		expect(text).not.toMatch(/"environment"\s*:\s*"live"/i);
		expect(text).not.toMatch(/"token"\s*:\s*"[^"]+"/);
	});
});
