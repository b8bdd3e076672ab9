import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

import { e2eEnvironment } from '../e2e/harness/e2e-environment';
import { EXAMPLES_DIR, loadExample } from '../e2e/harness/example-workflow';
import { N8nInstance, PACKAGE_NAME } from '../e2e/harness/n8n-instance';
import { launchChromium } from './harness/chromium';
import { demoSetup } from './harness/demo-workflow';
import { EditorPage } from './harness/editor-page';

// Each node is searched in the node panel by `search`, must be on the workflow's canvas under
// `name`, and is pictured in docs/screenshots/node-panel-<search>.png and panel-<name>.png.
const NODES = [
	{ search: 'TradingView', name: 'TradingView Trigger' },
	{ search: 'Risk', name: 'Risk Check' },
	{ search: 'Broker', name: 'Broker Order' },
];
const WORKFLOW = { setup: demoSetup, screenshot: 'canvas-paper-trading.png' };
// Every other example is imported as it ships (no credentials) and pictured for the README.
const EXAMPLES = readdirSync(EXAMPLES_DIR)
	.filter((file) => file.endsWith('.json') && file !== 'paper-trading.json')
	.sort()
	.map((file, index) => ({ file, workflow: loadExample(file, { id: `tvBrowserExmp${String(index).padStart(3, '0')}` }) }));

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const OWNER = { email: 'owner@example.com', firstName: 'Paper', lastName: 'Trader', password: 'Paper-trader-1' };

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const OUR_ICON = new RegExp(`^/icons/${PACKAGE_NAME}/|^svg$`);

jest.setTimeout(300_000);

const e2e = e2eEnvironment();
const { credential, workflow, webhookPath } = WORKFLOW.setup(e2e.nodeBinary, `browser-${randomBytes(12).toString('hex')}`);
const n8n = new N8nInstance(e2e, 'browser');
let browser: Browser | undefined;
let editor: EditorPage;

/** Runs a step; when it fails, keeps a picture of the page next to n8n's log. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (error) {
		const picture = join(n8n.userFolder, `failure-${slug(name)}.png`);
		await editor?.screenshot(picture).catch(() => undefined);
		if (error instanceof Error) error.message += `\n(page: ${picture}; n8n log: ${n8n.logFile})`;
		throw error;
	}
}

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await n8n.installPackage();
	await n8n.importCredentials([credential]);
	await n8n.importAndPublish([workflow]);
	for (const { workflow: example } of EXAMPLES) {
		const file = join(n8n.userFolder, `example-${example.id}.json`);
		writeFileSync(file, JSON.stringify(example));
		await n8n.cli(['import:workflow', `--input=${file}`]);
	}
	await n8n.start();
	await n8n.waitForWebhook(webhookPath);
	expect((await n8n.setUpOwner(OWNER)).status).toBe(200);
	browser = await launchChromium();
	const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
	// Two shared cores: the editor's first load can take a while.
	page.setDefaultTimeout(60_000);
	editor = new EditorPage(page, n8n.baseUrl);
});

afterAll(async () => {
	await browser?.close();
	await n8n.stop();
});

describe('the n8n editor with the package installed', () => {
	it('signs the owner in through the sign-in page', async () => {
		await step('sign in', async () => await editor.signIn(OWNER.email, OWNER.password));
		expect(new URL(editor.page.url()).pathname).not.toMatch(/^\/signin/);
	});

	it('opens the paper trading example with every node on the canvas, each with its icon and no issues', async () => {
		await step('open workflow', async () => {
			await editor.openWorkflow(workflow.id);
			await editor.closeProductionChecklist();
			expect(await editor.canvasNodeNames()).toEqual(expect.arrayContaining(NODES.map((node) => node.name)));
			for (const node of NODES) {
				const icon = await editor.icon(editor.canvasNode(node.name));
				expect({ node: node.name, ...icon }).toEqual({ node: node.name, state: 'loaded', source: expect.stringMatching(OUR_ICON) });
			}
			expect(await editor.canvasNodesWithIssues()).toEqual([]);
			expect(await editor.errorToasts()).toEqual([]);
			const texts = await editor.canvasNodeTexts();
			expect(Object.values(texts).join(' | ')).not.toMatch(/undefined/);
			expect(texts['Broker Order']).toContain('Paper: Place from alert');
			expect(texts['Risk Check']).toContain('Pass / Reject');
		});
		await editor.screenshot(join(SCREENSHOTS, WORKFLOW.screenshot));
	});

	it.each(NODES)('finds $name in the node panel by searching "$search", with its icon', async ({ search, name }) => {
		await step(`search ${search}`, async () => {
			try {
				await editor.searchNodePanel(search);
				const item = editor.nodePanelItem(name);
				await item.waitFor({ timeout: 20_000 }).catch(async () => {
					throw new Error(`"${name}" is not in the node panel for "${search}", which lists ${JSON.stringify(await editor.nodePanelNames())}`);
				});
				expect(await editor.icon(item)).toEqual({ state: 'loaded', source: expect.stringMatching(OUR_ICON) });
				await editor.screenshot(join(SCREENSHOTS, `node-panel-${slug(search)}.png`));
			} finally {
				await editor.closeNodePanel();
			}
		});
	});

	it.each(NODES)('opens the $name parameter panel with no error and no issue', async ({ name }) => {
		await step(`panel ${name}`, async () => {
			expect(await editor.canvasNodeNames()).toContain(name);
			try {
				await editor.openNodeDetails(name);
				expect(await editor.nodeDetailsTitle()).toBe(name);
				expect(await editor.icon(editor.nodeDetailsHeader())).toEqual({ state: 'loaded', source: expect.stringMatching(OUR_ICON) });
				// Issue markers and error toasts follow the panel's own requests (credentials, options).
				await editor.page.waitForTimeout(2_000);
				expect(await editor.nodeDetailsProblems()).toEqual([]);
				expect(await editor.errorToasts()).toEqual([]);
				await editor.screenshot(join(SCREENSHOTS, `panel-${slug(name)}.png`));
			} finally {
				await editor.closeNodeDetails();
			}
		});
	});

	it.each(EXAMPLES)('shows the $file example with all its nodes on the canvas', async ({ file, workflow: example }) => {
		await step(`example ${file}`, async () => {
			await editor.openWorkflow(example.id);
			const expected = example.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
			expect(await editor.canvasNodeNames()).toEqual(expect.arrayContaining(expected));
			await editor.screenshot(join(SCREENSHOTS, `example-${file.replace(/\.json$/, '')}.png`));
		});
	});
});
