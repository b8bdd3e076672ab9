import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Loads a workflow from examples/ for import by the n8n CLI: gives it an id, attaches the
// credentials the test made (by credential type), and fresh webhook ids so several tests can
// publish the same example side by side.

export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'examples');

interface ExampleNode {
	name: string;
	type: string;
	webhookId?: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	active: boolean;
	nodes: ExampleNode[];
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}

export interface LoadOptions {
	/** 16 characters, as n8n's own ids. */
	id: string;
	/** Per node name, the credentials it gets, e.g. `{ 'TradingView Trigger': { tradingViewWebhookApi: {id, name} } }`. */
	credentials?: Record<string, Record<string, { id: string; name: string }>>;
	/** Per node name, parameters to set on top of the example's (a stub's URL, say). */
	parameters?: Record<string, Record<string, unknown>>;
}

export function readExample(file: string): ExampleWorkflow {
	return JSON.parse(readFileSync(join(EXAMPLES_DIR, file), 'utf8')) as ExampleWorkflow;
}

export function loadExample(file: string, options: LoadOptions): ExampleWorkflow {
	const example = readExample(file);
	const names = new Set(example.nodes.map((node) => node.name));
	for (const name of [...Object.keys(options.credentials ?? {}), ...Object.keys(options.parameters ?? {})]) {
		if (!names.has(name)) throw new Error(`${file} has no node named "${name}" (it has: ${[...names].join(', ')})`);
	}
	return {
		...example,
		id: options.id,
		active: false,
		nodes: example.nodes.map((node) => ({
			...node,
			...(node.webhookId ? { webhookId: randomUUID() } : {}),
			parameters: { ...node.parameters, ...(options.parameters?.[node.name] ?? {}) },
			...(options.credentials?.[node.name] ? { credentials: options.credentials[node.name] } : {}),
		})),
	};
}

/** The path under /webhook/ of a TradingView Trigger (or any node whose URL holds its webhook id). */
export function exampleWebhookPath(workflow: ExampleWorkflow, nodeName: string, path = 'alert'): string {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (!node?.webhookId) throw new Error(`${nodeName} has no webhook`);
	return `${node.webhookId}/${path}`;
}

/** The production URL of that webhook. */
export function exampleWebhookUrl(baseUrl: string, workflow: ExampleWorkflow, nodeName: string, path = 'alert'): string {
	return `${baseUrl}/webhook/${exampleWebhookPath(workflow, nodeName, path)}`;
}
