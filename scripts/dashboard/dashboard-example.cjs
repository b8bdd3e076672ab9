// Builds examples/dashboard.json: a page served by n8n itself from the ledger. Webhook GET (basic
// auth, which browsers ask for on their own) → one TradingView Ledger node per report, each
// answering its page as one item → Set gathers them → Respond to Webhook with page.html, the
// reports embedded as JSON. The page draws its charts itself (plain SVG): no CDN, no request.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const PACKAGE = 'n8n-nodes-tradingview-autotrade';
const PAGE_FILE = join(__dirname, 'page.html');
const DATA_PLACEHOLDER = '__DASHBOARD_DATA__';
/** The only n8n expression in the page: the reports as JSON, `<` escaped so no value can end the script. */
const DATA_EXPRESSION = "{{ JSON.stringify($json).replace(/</g, '\\\\u003c') }}";
const DASHBOARD_PATH = 'trading-dashboard';

const startOfTodayUtc = "={{ $now.toUTC().startOf('day').toISO() }}";

/** [node name, operation, parameters besides]. */
const REPORTS = [
	['Last 100 Signals', 'signals', { limit: 100 }],
	['Orders Today', 'orders', { limit: 500, filters: { from: startOfTodayUtc } }],
	['Positions and P&L', 'positions', { returnAll: true }],
	['Daily P&L', 'dailyPnl', { returnAll: true }],
	['Latency per Day', 'latencyByDay', { limit: 30, filters: { from: "={{ $now.minus(30, 'days').toISO() }}" } }],
	['Health', 'health', {}],
];
const DATA_KEYS = ['signals', 'orders', 'positions', 'dailyPnl', 'latencyByDay', 'health'];

function pageTemplate() {
	const page = readFileSync(PAGE_FILE, 'utf8');
	if (page.includes('{{') || page.includes('}}')) throw new Error('page.html must not contain {{ or }}: n8n would read them as an expression');
	if (!page.includes(DATA_PLACEHOLDER)) throw new Error(`page.html has no ${DATA_PLACEHOLDER}`);
	return page.replace(DATA_PLACEHOLDER, DATA_EXPRESSION);
}

function node(index, name, type, typeVersion, parameters, extra = {}) {
	return { id: `d4a5b6c7-0013-4e5f-8a9b-${String(index + 1).padStart(12, '0')}`, name, type, typeVersion, position: [index * 240, 0], parameters, ...extra };
}

function dashboardWorkflow() {
	const request = node(
		0,
		'Dashboard Request',
		'n8n-nodes-base.webhook',
		2.1,
		{ httpMethod: 'GET', path: DASHBOARD_PATH, authentication: 'basicAuth', responseMode: 'responseNode', options: {} },
		{
			webhookId: 'b7c8d9e0-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
			notes: 'Open <n8n URL>/webhook/trading-dashboard in a browser. Give this node a Basic Auth credential: the page shows your positions and P&L.',
		},
	);
	const reports = REPORTS.map(([name, operation, parameters], index) =>
		node(index + 1, name, `${PACKAGE}.tradingLedger`, 1, {
			resource: 'report',
			operation,
			...parameters,
			...(operation === 'health' ? {} : { options: { output: 'page' } }),
		}),
	);
	const pairs = REPORTS.map(([name], index) => `${DATA_KEYS[index]}: $("${name}").first().json`).join(', ');
	const gather = node(REPORTS.length + 1, 'Dashboard Data', 'n8n-nodes-base.set', 3.4, {
		mode: 'raw',
		jsonOutput: `={{ JSON.stringify({ ${pairs} }) }}`,
		options: {},
	});
	const respond = node(
		REPORTS.length + 2,
		'Dashboard Page',
		'n8n-nodes-base.respondToWebhook',
		1.1,
		{
			respondWith: 'text',
			responseBody: `=${pageTemplate()}`,
			options: { responseHeaders: { entries: [{ name: 'content-type', value: 'text/html; charset=utf-8' }, { name: 'cache-control', value: 'no-store' }] } },
		},
		{ notes: 'The page is self-contained: its charts are drawn by the inline script, with no CDN or other request.' },
	);
	const chain = [request, ...reports, gather, respond];
	const connections = {};
	for (let index = 0; index < chain.length - 1; index++) {
		connections[chain[index].name] = { main: [[{ node: chain[index + 1].name, type: 'main', index: 0 }]] };
	}
	return { name: 'Trading dashboard', nodes: chain, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

module.exports = { dashboardWorkflow, DASHBOARD_PATH, DATA_KEYS };
