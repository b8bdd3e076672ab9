import { DASHBOARD_PATH } from '../../scripts/dashboard/dashboard-example.cjs';
import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { sendScriptedPaperDay } from './fixtures/scripted-paper-day';
import { REPORT_HEADER_CREDENTIAL, REPORT_PATH, REPORT_SECRET, reportWorkflow } from './fixtures/report-workflows';
import { CREDENTIAL } from './fixtures/trigger-workflows';

// A scripted set of alerts through the Paper trading example, then every Ledger report read by a
// workflow in the same n8n, each number checked against the ledger's rows read directly.

jest.setTimeout(240_000);

type Row = Record<string, unknown>;
type Page = { items: Row[]; count: number; nextCursor: string | null };
interface Reports {
	signals: Page;
	orders: Page;
	positions: Page;
	dailyPnl: Page;
	latency: Page;
	latencyByDay: Page;
	health: Row;
}

const n8n = new N8nInstance(e2eEnvironment(), 'ledger-reports');
const paper = loadExample('paper-trading.json', {
	id: 'tvE2eReportPaper',
	credentials: { 'TradingView Trigger': { tradingViewWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } },
});
const reportFlow = reportWorkflow('tvE2eReportFlow1');
const DASHBOARD_LOGIN = { user: 'trader', password: 'e2e-dashboard-password-not-real' };
const dashboardCredential = { id: 'tvE2eDashAuth001', name: 'Dashboard login', type: 'httpBasicAuth', data: DASHBOARD_LOGIN };
// The dashboard example as scripts/build-dashboard-example.mjs writes it to examples/dashboard.json.
const dashboard = loadExample('dashboard.json', {
	id: 'tvE2eDashboard01',
	credentials: { 'Dashboard Request': { httpBasicAuth: { id: dashboardCredential.id, name: dashboardCredential.name } } },
});
const ledgerQuery = ledgerQueryOn(n8n);
const run = Date.now();
const alertUrl = () => exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger');

async function readReports(secret = REPORT_SECRET): Promise<{ status: number; body: Reports }> {
	const response = await fetch(`${n8n.baseUrl}/webhook/${REPORT_PATH}`, { headers: { 'x-report-token': secret } });
	const text = await response.text();
	return { status: response.status, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Reports };
}

const msBetween = (from: unknown, to: unknown) => Date.parse(String(to)) - Date.parse(String(from));

let reports: Reports;

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, REPORT_HEADER_CREDENTIAL, dashboardCredential]);
	await n8n.importAndPublish([paper, reportFlow, dashboard]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(paper, 'TradingView Trigger'));

	await sendScriptedPaperDay(alertUrl(), n8n.n8nDatabase, paper.id, run);

	const answer = await readReports();
	expect(answer.status).toBe(200);
	reports = answer.body;
});

afterAll(async () => {
	await n8n.stop();
});

describe('the Ledger reports in a real n8n, after alerts through the Paper trading example', () => {
	it('refuses the report webhook without its header', async () => {
		expect((await readReports('wrong')).status).toBe(403);
	});

	it('lists every signal the trigger answered, as the signal log holds them', () => {
		const log = ledgerQuery('SELECT id, outcome, reason, alert_id, received_at, http_status FROM signal_log ORDER BY id DESC');
		expect(reports.signals.items.map((item) => [item.id, item.outcome, item.reason, item.alertId, item.receivedAt, item.httpStatus])).toEqual(
			log.map((row) => [row.id, row.outcome, row.reason, row.alert_id, row.received_at, row.http_status]),
		);
		expect(reports.signals.items.map((item) => item.outcome)).toEqual(['accepted', 'rejected', 'accepted', 'accepted', 'duplicate', 'accepted']);
		expect(reports.signals.items.find((item) => item.alertId === `buy-nvda-${run}`)).toMatchObject({ symbol: 'NVDA', action: 'buy' });
		expect(reports.signals.nextCursor).toBeNull();
	});

	it('lists each order with its broker id, status and fill, as the journal and the paper orders hold them', () => {
		const placed = ledgerQuery(
			"SELECT e.alert_id, e.client_order_id, p.broker_order_id, p.status, p.filled_quantity, p.average_fill_price FROM order_event e JOIN paper_order p ON p.client_order_id = e.client_order_id WHERE e.kind = 'placed' ORDER BY e.id DESC",
		);
		expect(placed).toHaveLength(3);
		expect(reports.orders.items.map((item) => [item.alertId, item.clientOrderId, item.brokerOrderId, item.status, item.filledQuantity, item.averageFillPrice])).toEqual(
			placed.map((row) => [row.alert_id, row.client_order_id, row.broker_order_id, row.status, row.filled_quantity, row.average_fill_price]),
		);
		expect(reports.orders.items.map((item) => [item.symbol, item.side, item.outcome, item.account, item.attempts, item.retries])).toEqual([
			['NVDA', 'buy', 'placed', 'paper:demo', 1, 0],
			['AAPL', 'sell', 'placed', 'paper:demo', 1, 0],
			['AAPL', 'buy', 'placed', 'paper:demo', 1, 0],
		]);
	});

	it('shows the paper account as its tables hold it, and a daily P&L adding up to its realised P&L', () => {
		const [account] = ledgerQuery("SELECT * FROM paper_account WHERE account = 'demo'");
		const positions = ledgerQuery("SELECT symbol, quantity, average_price FROM paper_position WHERE account = 'demo' ORDER BY symbol");
		expect(account).toMatchObject({ realised_pnl: 100, cash: 100_000 + 100 - 250 });
		expect(reports.positions.items).toEqual([
			expect.objectContaining({
				account: 'paper:demo',
				cash: account.cash,
				startingCash: account.starting_cash,
				realisedPnl: account.realised_pnl,
				equity: 100_100,
				positions: positions.map((row) => ({ symbol: row.symbol, quantity: row.quantity, averagePrice: row.average_price, markPrice: 50, unrealisedPnl: 0 })),
			}),
		]);
		const total = reports.dailyPnl.items.reduce((sum, item) => sum + Number(item.realisedPnl), 0);
		expect(total).toBe(account.realised_pnl);
		expect(reports.dailyPnl.items.reduce((fills, item) => fills + Number(item.fills), 0)).toBe(3);
		expect(reports.dailyPnl.items.at(-1)).toMatchObject({ account: 'paper:demo', cumulativeRealisedPnl: 100 });
	});

	it('measures each accepted alert from the signal log to the journal, and sums the day', () => {
		const accepted = ledgerQuery(
			`SELECT s.alert_id, s.received_at,
			(SELECT MIN(at) FROM order_event e WHERE e.alert_id = s.alert_id AND e.kind = 'attempt') AS sent_at,
			(SELECT MIN(at) FROM order_event e WHERE e.alert_id = s.alert_id AND e.kind = 'placed') AS placed_at
			FROM signal_log s WHERE s.outcome = 'accepted' ORDER BY s.id DESC`,
		);
		expect(reports.latency.items.map((item) => [item.alertId, item.receivedAt, item.orderSentAt, item.acknowledgedAt, item.receivedToAcknowledgedMs])).toEqual(
			accepted.map((row) => [row.alert_id, row.received_at, row.sent_at, row.placed_at, row.placed_at === null ? null : msBetween(row.received_at, row.placed_at)]),
		);
		expect(reports.latency.items.find((item) => item.alertId === `big-msft-${run}`)).toMatchObject({ outcome: 'no_order', orderSentAt: null });
		const acknowledged = accepted.filter((row) => row.placed_at !== null).map((row) => msBetween(row.received_at, row.placed_at));
		const days = reports.latencyByDay.items;
		// One day, unless the script ran across midnight UTC.
		expect(days.reduce((sum, day) => sum + Number(day.accepted), 0)).toBe(4);
		expect(days.reduce((sum, day) => sum + Number(day.acknowledged), 0)).toBe(3);
		expect(Math.max(...days.map((day) => Number(day.receivedToAcknowledgedMaxMs)))).toBe(Math.max(...acknowledged));
		for (const day of days) expect(acknowledged).toContain(day.receivedToAcknowledgedP50Ms);
	});

	it('reports the health: the refusal by reason, every order placed, nothing lost, no kill switch on', () => {
		expect(reports.health).toMatchObject({
			signals: { accepted: 4, duplicate: 1, rejected: 1 },
			rejectedByReason: { unauthorized: 1 },
			ordersByOutcome: { placed: 3 },
			unorderedAlerts: 0,
			lost: 0,
			killSwitchesOn: [],
		});
	});

	describe('the dashboard example', () => {
		const page = async (login = `${DASHBOARD_LOGIN.user}:${DASHBOARD_LOGIN.password}`) =>
			await fetch(`${n8n.baseUrl}/webhook/${DASHBOARD_PATH}`, { headers: { authorization: `Basic ${Buffer.from(login).toString('base64')}` } });

		it('asks for the login, as a browser understands it', async () => {
			const refused = await page('trader:wrong');
			expect(refused.status).toBe(401);
			expect(refused.headers.get('www-authenticate')).toMatch(/^Basic/);
		});

		it('serves one self-contained HTML page with the reports embedded, their numbers those of the ledger', async () => {
			const response = await page();
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toContain('text/html');
			const html = await response.text();
			expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\//);
			const embedded = /<script type="application\/json" id="dashboard-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
			const data = JSON.parse(String(embedded)) as Reports;
			expect(data.signals.items.map((item) => item.id)).toEqual(reports.signals.items.map((item) => item.id));
			expect(data.orders.items.map((item) => item.clientOrderId)).toEqual(reports.orders.items.map((item) => item.clientOrderId));
			const [account] = ledgerQuery("SELECT cash, realised_pnl FROM paper_account WHERE account = 'demo'");
			expect(data.positions.items[0]).toMatchObject({ account: 'paper:demo', cash: account.cash, realisedPnl: account.realised_pnl });
			expect(data.dailyPnl.items).toEqual(reports.dailyPnl.items);
			expect(data.health).toMatchObject({ signals: { accepted: 4, duplicate: 1, rejected: 1 }, killSwitchesOn: [] });
		});
	});
});
