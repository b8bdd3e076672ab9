import { DATA_KEYS, dashboardWorkflow } from '../../../scripts/dashboard/dashboard-example.cjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPORT_NAMES } from '../../../core/reports/ledger-reports';

// The dashboard example (scripts/build-dashboard-example.mjs writes it to examples/dashboard.json):
// a page behind a login that needs nothing from the internet.

describe('the dashboard example', () => {
	const workflow = dashboardWorkflow();
	const byName = new Map(workflow.nodes.map((node) => [node.name, node]));
	const page = String(byName.get('Dashboard Page')?.parameters.responseBody);

	it('answers a GET behind basic auth from the Respond to Webhook node', () => {
		expect(byName.get('Dashboard Request')?.parameters).toMatchObject({ httpMethod: 'GET', authentication: 'basicAuth', responseMode: 'responseNode' });
		expect(byName.get('Dashboard Page')?.type).toBe('n8n-nodes-base.respondToWebhook');
	});

	it('runs a known report in each Ledger node, each gathered under its key', () => {
		const reports = workflow.nodes.filter((node) => node.type === 'n8n-nodes-tradingview-autotrade.tradingLedger');
		expect(reports.map((node) => node.parameters.operation)).toEqual(['signals', 'orders', 'positions', 'dailyPnl', 'latencyByDay', 'health']);
		for (const node of reports) expect(REPORT_NAMES).toContain(node.parameters.operation);
		const gather = String(byName.get('Dashboard Data')?.parameters.jsonOutput);
		for (const [index, node] of reports.entries()) expect(gather).toContain(`${DATA_KEYS[index]}: $("${node.name}").first().json`);
	});

	it('is one chain from the request to the page', () => {
		const order = ['Dashboard Request'];
		for (let next = workflow.connections[order[0]]; next; next = workflow.connections[order[order.length - 1]]) order.push(next.main[0][0].node);
		expect(order).toEqual(workflow.nodes.map((node) => node.name));
	});

	it('serves a page with one expression (the data, with < escaped) and nothing loaded from elsewhere', () => {
		expect(page.startsWith('=<!doctype html>')).toBe(true);
		expect(page.match(/\{\{/g)).toHaveLength(1);
		expect(page).toContain(`<script type="application/json" id="dashboard-data">{{ JSON.stringify($json).replace(/</g, '\\\\u003c') }}</script>`);
		expect(page).not.toMatch(/https?:\/\/|<script[^>]+src=|<link|@import|fetch\(|XMLHttpRequest/);
	});

	it('is what examples/dashboard.json holds (rebuild it with node scripts/build-dashboard-example.mjs)', () => {
		const shipped = readFileSync(join(__dirname, '..', '..', '..', 'examples', 'dashboard.json'), 'utf8');
		expect(shipped).toBe(`${JSON.stringify(workflow, null, '\t')}\n`);
	});
});
