import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

import { DASHBOARD_PATH } from '../../scripts/dashboard/dashboard-example.cjs';
import { e2eEnvironment } from '../e2e/harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, loadExample } from '../e2e/harness/example-workflow';
import { ledgerQueryOn } from '../e2e/harness/ledger-query';
import { N8nInstance } from '../e2e/harness/n8n-instance';
import { waitForExecutions } from '../e2e/harness/n8n-executions';
import { sendAlert } from '../e2e/harness/send-alert';
import { CREDENTIAL, TOKEN } from '../e2e/fixtures/trigger-workflows';
import { launchChromium } from './harness/chromium';

// The dashboard example in Chromium after a scripted day of alerts through the Paper trading
// example: the numbers on the page against the ledger's rows, no request besides the page itself,
// and docs/screenshots/dashboard.png for the README.

jest.setTimeout(300_000);

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const LOGIN = { username: 'trader', password: 'browser-dashboard-password-not-real' };
const n8n = new N8nInstance(e2eEnvironment(), 'dashboard-browser');
const ledgerQuery = ledgerQueryOn(n8n);
const paper = loadExample('paper-trading.json', {
	id: 'tvBrowserDashPpr',
	credentials: { 'TradingView Trigger': { tradingViewWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } },
});
const loginCredential = { id: 'tvBrowserDashAut', name: 'Dashboard login', type: 'httpBasicAuth', data: { user: LOGIN.username, password: LOGIN.password } };
const dashboard = loadExample('dashboard.json', {
	id: 'tvBrowserDashbrd',
	credentials: { 'Dashboard Request': { httpBasicAuth: { id: loginCredential.id, name: loginCredential.name } } },
});
const run = Date.now();
const alert = (id: string, fields: Record<string, unknown>) => JSON.stringify({ token: TOKEN, id: `${id}-${run}`, ...fields });

let browser: Browser;
let page: Page;
const requested: string[] = [];
const card = async (name: string) => (await page.locator(`[data-card="${name}"] .value`).textContent())?.trim();

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, loginCredential]);
	await n8n.importAndPublish([paper, dashboard]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(paper, 'TradingView Trigger'));
	const url = exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger');
	const send = async (body: string) => (await sendAlert(url, body)).status;
	// A day: AAPL bought and sold at a profit, a resend, an order over the notional limit, a wrong
	// token, NVDA and MSFT bought and left open.
	await send(alert('aapl-buy', { action: 'buy', symbol: 'NASDAQ:AAPL', qty: 10, price: 100 }));
	await send(alert('aapl-buy', { action: 'buy', symbol: 'NASDAQ:AAPL', qty: 10, price: 100 }));
	await waitForExecutions(n8n.n8nDatabase, paper.id, 1);
	await send(alert('aapl-exit', { action: 'exit', symbol: 'NASDAQ:AAPL', price: 112.5 }));
	await waitForExecutions(n8n.n8nDatabase, paper.id, 2);
	await send(alert('msft-big', { action: 'buy', symbol: 'NASDAQ:MSFT', qty: 100, price: 400 }));
	await sendAlert(url, JSON.stringify({ token: 'not-the-token', id: `bad-${run}`, action: 'buy', symbol: 'AAPL', qty: 1 }));
	await send(alert('nvda-buy', { action: 'buy', symbol: 'NASDAQ:NVDA', qty: 5, price: 50 }));
	await send(alert('msft-buy', { action: 'buy', symbol: 'NASDAQ:MSFT', qty: 20, price: 400 }));
	await waitForExecutions(n8n.n8nDatabase, paper.id, 5);

	browser = await launchChromium();
	const context = await browser.newContext({ httpCredentials: LOGIN, viewport: { width: 1440, height: 1000 } });
	page = await context.newPage();
	page.setDefaultTimeout(60_000);
	page.on('request', (request) => requested.push(request.url()));
	const response = await page.goto(`${n8n.baseUrl}/webhook/${DASHBOARD_PATH}`);
	expect(response?.status()).toBe(200);
	await page.locator('[data-card="realised"]').waitFor();
});

afterAll(async () => {
	await browser?.close();
	await n8n.stop();
});

describe('the dashboard example in Chromium', () => {
	it('shows the paper account as the ledger holds it', async () => {
		const [account] = ledgerQuery("SELECT cash, realised_pnl FROM paper_account WHERE account = 'demo'");
		expect(account.realised_pnl).toBe(125);
		expect(await card('realised')).toBe('125.00');
		const positions = ledgerQuery("SELECT quantity, average_price FROM paper_position WHERE account = 'demo'");
		const equity = Number(account.cash) + positions.reduce((sum, row) => sum + Number(row.quantity) * Number(row.average_price), 0);
		expect(await card('equity')).toBe(equity.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
		expect(await page.locator('#positions tbody tr').count()).toBe(positions.length);
	});

	it("counts today's orders, the alerts and the refusal as the ledger does", async () => {
		const orders = ledgerQuery("SELECT COUNT(DISTINCT client_order_id) AS n FROM order_event WHERE kind = 'placed'");
		expect(await card('orders-today')).toBe(String(orders[0].n));
		const count = (outcome: string) => String(ledgerQuery('SELECT COUNT(*) AS n FROM signal_log WHERE outcome = ?', outcome)[0].n);
		expect(await card('accepted')).toBe(count('accepted'));
		expect(await card('rejected')).toBe(count('rejected'));
		expect(await card('unordered')).toBe('0');
		expect(await card('kill-switch')).toBe('off');
		expect(await page.locator('#signals tbody tr').count()).toBe(Number(ledgerQuery('SELECT COUNT(*) AS n FROM signal_log')[0].n));
		expect(await page.locator('#orders tbody tr').count()).toBe(Number(orders[0].n));
	});

	it('draws the P&L curve, the latency and the refusal charts', async () => {
		expect(await page.locator('#pnl-chart svg polyline').count()).toBe(1);
		expect(await page.locator('#latency-chart svg rect').count()).toBe(3);
		expect(await page.locator('#rejection-chart svg rect title').textContent()).toBe('unauthorized refused: 1');
	});

	it('asks for nothing but the page itself, and is pictured for the README', async () => {
		expect(requested).toEqual([`${n8n.baseUrl}/webhook/${DASHBOARD_PATH}`]);
		await page.screenshot({ path: join(SCREENSHOTS, 'dashboard.png'), fullPage: true });
	});
});
