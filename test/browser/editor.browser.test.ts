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
// `name`, and is pictured in docs/screenshots/node-panel-<search>.png and panel-<name>.png. Its
// panel starts with `layout` (parameter names; "credentials" where n8n draws the selectors).
const NODES = [
	{ search: 'TradingView', name: 'TradingView Trigger', layout: ['credentials', 'notice', 'rejectedOutput', 'restrictSourceIps'] },
	{ search: 'Risk', name: 'Risk Check', layout: ['operation', 'notice', 'positionSource', 'paperAccount', 'killSwitch'] },
	{
		search: 'Broker',
		name: 'Broker Order',
		// The paper broker needs no credential: Sizing follows Operation, and the alert fields follow their header.
		layout: ['broker', 'resource', 'operation', 'sizingMode', 'paperAccount', 'paperStartingCash', 'paperCurrency', 'notice', 'alertId'],
	},
];
// Not in the paper example: added to a new workflow from the node panel.
const RECOVERY = { search: 'Recovery', name: 'TradingView Alert Recovery Trigger' };
// Examples whose Broker Order needs a broker credential: n8n shows its selector right under Broker,
// with the credential's own icon. Pictured in panel-broker-order-<broker>.png.
const BROKER_EXAMPLES = [
	{ file: 'alpaca-paper-trading.json', broker: 'alpaca', icon: 'alpacaApi' },
	{ file: 'oanda-practice-trading.json', broker: 'oanda', icon: 'oandaApi' },
	{ file: 'binance-testnet-trading.json', broker: 'binance', icon: 'binanceApi' },
];
// Examples ship without credentials; n8n marks a node whose credential is not set, and nothing else may be marked.
const CREDENTIAL_NOT_SET = /^Credentials for .+ are not set\.?$/;
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
const exampleNamed = (file: string): (typeof EXAMPLES)[number]['workflow'] => {
	const example = EXAMPLES.find((entry) => entry.file === file);
	if (!example) throw new Error(`examples/${file} is missing`);
	return example.workflow;
};

/** The panel shows no issue marker and no error notice, and no error toast is on screen. */
async function expectNoProblems(): Promise<void> {
	// Issue markers and error toasts follow the panel's own requests (credentials, options).
	await editor.page.waitForTimeout(2_000);
	expect(await editor.nodeDetailsProblems()).toEqual([]);
	expect(await editor.errorToasts()).toEqual([]);
}

/** The canvas shows no error toast and no subtitle reading "undefined"; `allowed` says which issue texts may be there. */
async function expectCleanCanvas(allowed?: RegExp): Promise<void> {
	expect(await editor.errorToasts()).toEqual([]);
	const texts = await editor.canvasNodeTexts();
	expect(Object.values(texts).join(' | ')).not.toMatch(/undefined/);
	const unexpected: Record<string, string[]> = {};
	for (const name of await editor.canvasNodesWithIssues()) {
		const issues = await editor.canvasNodeIssues(name);
		// An empty list would mean the tooltip was not read: that counts as unexpected too.
		if (allowed === undefined || issues.length === 0 || !issues.every((issue) => allowed.test(issue))) unexpected[name] = issues;
	}
	expect(unexpected).toEqual({});
}

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
			await expectCleanCanvas();
			const texts = await editor.canvasNodeTexts();
			expect(texts['TradingView Trigger']).toContain('Alerts to accepted');
			expect(texts['Broker Order']).toContain('Paper: Place from alert');
			expect(texts['Risk Check']).toContain('Pass / Reject');
		});
		await editor.screenshot(join(SCREENSHOTS, WORKFLOW.screenshot));
	});

	it.each([...NODES, RECOVERY])('finds $name in the node panel by searching "$search", with its icon', async ({ search, name }) => {
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

	it.each(NODES)('opens the $name parameter panel with no error and no issue, starting with $layout', async ({ name, layout }) => {
		await step(`panel ${name}`, async () => {
			expect(await editor.canvasNodeNames()).toContain(name);
			try {
				await editor.openNodeDetails(name);
				expect(await editor.nodeDetailsTitle()).toBe(name);
				expect(await editor.icon(editor.nodeDetailsHeader())).toEqual({ state: 'loaded', source: expect.stringMatching(OUR_ICON) });
				await expectNoProblems();
				expect((await editor.nodeDetailsLayout()).slice(0, layout.length)).toEqual(layout);
				await editor.screenshot(join(SCREENSHOTS, `panel-${slug(name)}.png`));
			} finally {
				await editor.closeNodeDetails();
			}
		});
	});

	it.each(EXAMPLES)('shows the $file example with all its nodes, no subtitle "undefined" and no issue but unset credentials', async ({ file, workflow: example }) => {
		await step(`example ${file}`, async () => {
			await editor.openWorkflow(example.id);
			const expected = example.nodes.filter((node) => node.type !== 'n8n-nodes-base.stickyNote').map((node) => node.name);
			expect(await editor.canvasNodeNames()).toEqual(expect.arrayContaining(expected));
			await expectCleanCanvas(CREDENTIAL_NOT_SET);
			await editor.screenshot(join(SCREENSHOTS, `example-${file.replace(/\.json$/, '')}.png`));
		});
	});

	it.each(BROKER_EXAMPLES)('shows the $broker credential right under Broker in the $file Broker Order panel, with its icon', async ({ file, broker, icon }) => {
		await step(`credential ${broker}`, async () => {
			const example = exampleNamed(file);
			const node = example.nodes.find((entry) => entry.type.endsWith('.brokerOrder') && entry.parameters.broker === broker);
			if (!node) throw new Error(`examples/${file} has no Broker Order on ${broker}`);
			await editor.openWorkflow(example.id);
			try {
				await editor.openNodeDetails(node.name);
				await editor.page.waitForTimeout(2_000);
				expect(await editor.errorToasts()).toEqual([]);
				expect((await editor.nodeDetailsLayout()).slice(0, 5)).toEqual(['broker', 'credentials', 'resource', 'operation', 'sizingMode']);
				expect(await editor.nodeDetailsCredentialIcons()).toEqual([expect.stringMatching(new RegExp(`^/icons/${PACKAGE_NAME}/dist/icons/${icon}\\.svg$`))]);
				await editor.screenshot(join(SCREENSHOTS, `panel-broker-order-${broker}.png`));
			} finally {
				await editor.closeNodeDetails();
			}
		});
	});

	// Last: it leaves an unsaved workflow open.
	it(`adds the ${RECOVERY.name} to a new workflow from the node panel: its icon, its panel with no error and no issue`, async () => {
		await step('recovery trigger', async () => {
			await editor.openNewWorkflow();
			await editor.searchNodePanel(RECOVERY.search);
			await editor.addNodeFromPanel(RECOVERY.name);
			expect(await editor.nodeDetailsTitle()).toBe(RECOVERY.name);
			expect(await editor.icon(editor.nodeDetailsHeader())).toEqual({ state: 'loaded', source: expect.stringMatching(/alertRecovery\.svg$/) });
			await expectNoProblems();
			expect(await editor.nodeDetailsLayout()).toEqual(['notice', 'checkEverySeconds', 'notStartedAfterSeconds', 'giveUpAfterMinutes', 'maxAttempts', 'ledger']);
			await editor.screenshot(join(SCREENSHOTS, `panel-${slug(RECOVERY.name)}.png`));
			await editor.closeNodeDetails();
			expect(await editor.canvasNodeNames()).toEqual([RECOVERY.name]);
			expect(await editor.icon(editor.canvasNode(RECOVERY.name))).toEqual({ state: 'loaded', source: expect.stringMatching(/alertRecovery\.svg$/) });
			expect(await editor.canvasNodesWithIssues()).toEqual([]);
			await expectCleanCanvas();
		});
	});
});
