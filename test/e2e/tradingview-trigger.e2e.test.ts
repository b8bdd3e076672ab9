import { e2eEnvironment } from './harness/e2e-environment';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, readExecutions, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import {
	CREDENTIAL,
	GUARDED_WORKFLOW,
	MAIN_WORKFLOW,
	SECONDARY_TOKEN,
	TOKEN,
	webhookPath,
	webhookUrl,
} from './fixtures/trigger-workflows';

jest.setTimeout(180_000);

const n8n = new N8nInstance(e2eEnvironment(), 'trigger');
let mainUrl = '';
let guardedUrl = '';
let sequence = 0;
const acceptedAlertIds: string[] = [];

function uniqueId(label: string): string {
	sequence += 1;
	return `${label}-${Date.now()}-${sequence}`;
}

function seedAlert(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return { token: TOKEN, id, action: 'buy', symbol: 'NASDAQ:AAPL', qty: '10', price: '189.5', time: new Date().toISOString(), ...extra };
}

const ledgerQuery = ledgerQueryOn(n8n);
const ledgerRows = (alertId: string) => ledgerQuery('SELECT * FROM signal_log WHERE alert_id = ? ORDER BY id', alertId);
const lastLedgerRow = () => ledgerQuery('SELECT * FROM signal_log ORDER BY id DESC LIMIT 1')[0];

function executionsFor(workflowId: string, alertId: string): ExecutionRecord[] {
	return readExecutions(n8n.n8nDatabase, workflowId).filter((execution) =>
		(execution.outputs['TradingView Trigger'] ?? []).some((items) => items.some((item) => item.alertId === alertId)),
	);
}

async function acceptedExecution(alertId: string): Promise<ExecutionRecord> {
	acceptedAlertIds.push(alertId);
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const [execution] = executionsFor(MAIN_WORKFLOW.id, alertId);
		if (execution && execution.status === 'success') return execution;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`no successful execution for alert ${alertId}`);
}

async function startAndWaitForWebhooks(): Promise<void> {
	await n8n.start();
	await n8n.waitForWebhook(webhookPath(MAIN_WORKFLOW));
	await n8n.waitForWebhook(webhookPath(GUARDED_WORKFLOW));
}

beforeAll(async () => {
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL]);
	await n8n.importAndPublish([MAIN_WORKFLOW, GUARDED_WORKFLOW]);
	await startAndWaitForWebhooks();
	mainUrl = webhookUrl(n8n.baseUrl, MAIN_WORKFLOW);
	guardedUrl = webhookUrl(n8n.baseUrl, GUARDED_WORKFLOW);
});

afterAll(async () => {
	await n8n.stop();
});

describe('TradingView Trigger in a real n8n 2.41.1', () => {
	it('is loaded by n8n with its credential and its light and dark icons', async () => {
		const { status, cookie } = await n8n.setUpOwner({
			email: 'e2e@example.com',
			firstName: 'End',
			lastName: 'ToEnd',
			password: 'E2e-tester-1',
		});
		expect(status).toBe(200);
		const get = async (path: string) => await fetch(`${n8n.baseUrl}/${path}`, { headers: { cookie } });
		const nodeTypes = (await (await get('types/nodes.json')).json()) as Array<Record<string, any>>;
		const trigger = nodeTypes.find((type) => type.name === 'n8n-nodes-tradingview-autotrade.tradingViewTrigger');
		expect(trigger).toMatchObject({
			displayName: 'TradingView Trigger',
			group: ['trigger'],
			credentials: [
				expect.objectContaining({ name: 'tradingViewWebhookApi', required: true }),
				// n8n's own Postgres credential, asked for only when the Ledger is PostgreSQL.
				expect.objectContaining({ name: 'postgres', displayOptions: { show: { ledger: ['postgres'] } } }),
			],
		});
		const riskCheck = nodeTypes.find((type) => type.name === 'n8n-nodes-tradingview-autotrade.riskCheck');
		expect(riskCheck).toMatchObject({ displayName: 'Risk Check', outputNames: ['Pass', 'Reject'] });
		for (const url of [riskCheck?.iconUrl.light, riskCheck?.iconUrl.dark]) {
			const icon = await get(url);
			expect(icon.status).toBe(200);
			expect(await icon.text()).toContain('<svg');
		}
		const credentialTypes = (await (await get('types/credentials.json')).json()) as Array<Record<string, any>>;
		const credential = credentialTypes.find((type) => type.name === 'tradingViewWebhookApi');
		expect(credential?.properties.map((property: { name: string }) => property.name)).toEqual(['token', 'secondaryToken']);
		const iconUrls = [trigger?.iconUrl.light, trigger?.iconUrl.dark, credential?.iconUrl.light, credential?.iconUrl.dark];
		// The trigger and its credential each have a light and a dark icon of their own.
		expect(new Set(iconUrls).size).toBe(4);
		for (const url of iconUrls) {
			const icon = await get(url);
			expect(icon.status).toBe(200);
			expect(await icon.text()).toContain('<svg');
		}
	});


	it('accepts JSON sent as text/plain (as TradingView does) and emits the normalised alert', async () => {
		const id = uniqueId('plain-json');
		const answer = await sendAlert(mainUrl, JSON.stringify(seedAlert(id)));
		expect(answer).toEqual({ status: 200, body: { status: 'accepted', alertId: id } });

		const execution = await acceptedExecution(id);
		const [item] = execution.outputs['TradingView Trigger'][0];
		expect(item).toMatchObject({
			alertId: id,
			action: 'buy',
			side: 'buy',
			symbol: 'AAPL',
			exchange: 'NASDAQ',
			quantity: 10,
			price: 189.5,
			orderType: 'market',
			raw: expect.objectContaining({ token: '[redacted]', symbol: 'NASDAQ:AAPL' }),
		});
		expect(execution.outputs.Accepted[0]).toHaveLength(1);
		expect(JSON.stringify(execution.outputs)).not.toContain(TOKEN);

		const [row] = ledgerRows(id);
		expect(row).toMatchObject({ outcome: 'accepted', http_status: 200, source_ip: '127.0.0.1' });
		expect(String(row.body)).not.toContain(TOKEN);
	});

	it('accepts JSON sent as application/json, with the secondary token', async () => {
		const id = uniqueId('app-json');
		const answer = await sendAlert(mainUrl, JSON.stringify({ ...seedAlert(id), token: SECONDARY_TOKEN }), {
			contentType: 'application/json',
		});
		expect(answer).toEqual({ status: 200, body: { status: 'accepted', alertId: id } });
		const execution = await acceptedExecution(id);
		expect(JSON.stringify(execution.outputs)).not.toContain(SECONDARY_TOKEN);
	});

	it('reads a body sent with a content type n8n does not parse, or none (version 2 reads it itself)', async () => {
		for (const contentType of ['application/octet-stream', '']) {
			const id = uniqueId(`raw-${contentType || 'none'}`);
			const response = await fetch(mainUrl, {
				method: 'POST',
				headers: contentType ? { 'content-type': contentType } : {},
				body: new Blob([JSON.stringify({ ...seedAlert(id), token: TOKEN })]),
			});
			expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'accepted', alertId: id } });
			const [item] = (await acceptedExecution(id)).outputs['TradingView Trigger'][0];
			expect(item).toMatchObject({ alertId: id, symbol: 'AAPL' });
		}
	});

	it('accepts key=value text with the token in the X-Webhook-Token header', async () => {
		const id = uniqueId('kv');
		const body = `action=sell\nsymbol=BINANCE:BTCUSDT\nqty=0.5\nprice=42000\nid=${id}`;
		const answer = await sendAlert(mainUrl, body, { headers: { 'x-webhook-token': TOKEN } });
		expect(answer).toEqual({ status: 200, body: { status: 'accepted', alertId: id } });
		const [item] = (await acceptedExecution(id)).outputs['TradingView Trigger'][0];
		expect(item).toMatchObject({ action: 'sell', side: 'sell', symbol: 'BTCUSDT', exchange: 'BINANCE', quantity: 0.5, price: 42000 });
	});

	it('accepts a plain sentence with the token in the query string', async () => {
		const answer = await sendAlert(`${mainUrl}?token=${TOKEN}`, `sell ETHUSDT 0.25 @ 3100 ${uniqueId('sentence')}=x`);
		expect(answer.status).toBe(200);
		expect(answer.body.status).toBe('accepted');
		const [item] = (await acceptedExecution(String(answer.body.alertId))).outputs['TradingView Trigger'][0];
		expect(item).toMatchObject({ action: 'sell', symbol: 'ETHUSDT', quantity: 0.25, price: 3100 });
	});

	it('refuses a wrong token with 401, starts nothing and logs it redacted', async () => {
		const id = uniqueId('bad-token');
		const before = readExecutions(n8n.n8nDatabase, MAIN_WORKFLOW.id).length;
		const answer = await sendAlert(mainUrl, JSON.stringify({ ...seedAlert(id), token: 'wrong-token-value-123' }));
		expect(answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
		// An unauthenticated body is logged, but its content (and so its alert id) is not trusted.
		const row = lastLedgerRow();
		expect(row).toMatchObject({ outcome: 'rejected', http_status: 401, reason: 'unauthorized', alert_id: null });
		expect(String(row.body)).toContain(id);
		expect(String(row.body)).not.toContain('wrong-token-value-123');
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(executionsFor(MAIN_WORKFLOW.id, id)).toHaveLength(0);
		expect(readExecutions(n8n.n8nDatabase, MAIN_WORKFLOW.id).length).toBe(before);
	});

	it('refuses a missing token and a token that is not a string with 401', async () => {
		const { token: _omitted, ...withoutToken } = seedAlert(uniqueId('no-token'));
		expect(await sendAlert(mainUrl, JSON.stringify(withoutToken))).toEqual({ status: 401, body: { error: 'unauthorized' } });
		const numeric = await sendAlert(mainUrl, JSON.stringify({ ...seedAlert(uniqueId('num-token')), token: 123456789012345 }));
		expect(numeric).toEqual({ status: 401, body: { error: 'unauthorized' } });
		expect(lastLedgerRow()).toMatchObject({ outcome: 'rejected', reason: 'unauthorized' });
	});

	it('refuses a stale alert with 422', async () => {
		const id = uniqueId('stale');
		const answer = await sendAlert(mainUrl, JSON.stringify(seedAlert(id, { time: new Date(Date.now() - 5 * 60_000).toISOString() })));
		expect(answer.status).toBe(422);
		expect(answer.body.error).toBe('stale_alert');
		expect(ledgerRows(id)[0]).toMatchObject({ outcome: 'rejected', http_status: 422, reason: 'stale_alert' });
	});

	it('refuses a malformed alert with 400 naming each bad field', async () => {
		const id = uniqueId('malformed');
		const answer = await sendAlert(mainUrl, JSON.stringify(seedAlert(id, { price: '{{close}}', qty: '-3' })));
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_alert');
		const fields = (answer.body.details as Array<{ field: string }>).map((issue) => issue.field).sort();
		expect(fields).toEqual(['price', 'qty']);
		const unreadable = await sendAlert(`${mainUrl}?token=${TOKEN}`, '{"action": "buy", ');
		expect(unreadable.status).toBe(400);
		expect(unreadable.body.error).toBe('invalid_alert');
	});

	it('answers a resend of an accepted alert "duplicate" and starts nothing', async () => {
		const id = uniqueId('resend');
		const body = JSON.stringify(seedAlert(id));
		expect((await sendAlert(mainUrl, body)).body.status).toBe('accepted');
		await acceptedExecution(id);
		const resend = await sendAlert(mainUrl, body);
		expect(resend).toEqual({ status: 200, body: { status: 'duplicate', alertId: id, originalStarted: false } });
		await new Promise((resolve) => setTimeout(resolve, 1_000));
		expect(executionsFor(MAIN_WORKFLOW.id, id)).toHaveLength(1);
		expect(ledgerRows(id).map((row) => row.outcome)).toEqual(['accepted', 'duplicate']);
	});

	it('accepts exactly one of 40 concurrent copies of one alert', async () => {
		const id = uniqueId('burst');
		const body = JSON.stringify(seedAlert(id));
		const answers = await Promise.all(Array.from({ length: 40 }, async () => await sendAlert(mainUrl, body)));
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		const statuses = answers.map((answer) => answer.body.status);
		expect(statuses.filter((status) => status === 'accepted')).toHaveLength(1);
		expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(39);
		await acceptedExecution(id);
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		expect(executionsFor(MAIN_WORKFLOW.id, id)).toHaveLength(1);
		const outcomes = ledgerRows(id).map((row) => row.outcome);
		expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(1);
		expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(39);
	});

	it('refuses a body over 64 KiB with 413 and leaves other methods to n8n', async () => {
		const big = JSON.stringify(seedAlert(uniqueId('big'), { note: 'x'.repeat(70_000) }));
		const answer = await sendAlert(mainUrl, big);
		expect(answer.status).toBe(413);
		expect(answer.body.error).toBe('payload_too_large');
		const get = await fetch(mainUrl);
		expect([404, 405]).toContain(get.status);
	});

	it('routes a request from an address outside the allowlist to the Rejected output with 403', async () => {
		const allowed = await sendAlert(guardedUrl, JSON.stringify({ secret: TOKEN, id: uniqueId('allowed'), action: 'buy', symbol: 'AAPL' }), {
			headers: { 'x-forwarded-for': '52.89.214.238' },
		});
		expect(allowed.status).toBe(200);
		expect(allowed.body.status).toBe('accepted');

		const id = uniqueId('forbidden');
		const forbidden = await sendAlert(guardedUrl, JSON.stringify({ secret: TOKEN, id, action: 'buy', symbol: 'AAPL' }), {
			headers: { 'x-forwarded-for': '203.0.113.9' },
		});
		expect(forbidden).toEqual({ status: 403, body: { error: 'forbidden' } });

		const executions = await waitForExecutions(n8n.n8nDatabase, GUARDED_WORKFLOW.id, 2);
		expect(executions).toHaveLength(2);
		const rejected = executions.find((execution) => execution.outputs.Rejected);
		const accepted = executions.find((execution) => execution.outputs.Accepted);
		expect(rejected?.outputs['TradingView Trigger'][1][0]).toMatchObject({
			reason: 'forbidden',
			status: 403,
			sourceIp: '203.0.113.9',
		});
		expect(JSON.stringify(rejected?.outputs)).not.toContain(TOKEN);
		expect(accepted?.outputs['TradingView Trigger'][0][0]).toMatchObject({ action: 'buy', symbol: 'AAPL' });
	});

	it('started exactly one execution per accepted alert, and none for anything else', async () => {
		const executions = await waitForExecutions(n8n.n8nDatabase, MAIN_WORKFLOW.id, acceptedAlertIds.length);
		const alertIds = executions.map((execution) => execution.outputs['TradingView Trigger'][0][0].alertId).sort();
		expect(alertIds).toEqual([...acceptedAlertIds].sort());
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
	});

	it('still knows an accepted alert after n8n restarts', async () => {
		const id = uniqueId('restart');
		const { time: _untimed, ...alert } = seedAlert(id);
		const body = JSON.stringify(alert);
		expect((await sendAlert(mainUrl, body)).body.status).toBe('accepted');
		await acceptedExecution(id);
		await n8n.stop();
		await startAndWaitForWebhooks();
		expect(await sendAlert(mainUrl, body)).toEqual({ status: 200, body: { status: 'duplicate', alertId: id, originalStarted: false } });
		expect(ledgerRows(id).map((row) => row.outcome)).toEqual(['accepted', 'duplicate']);
	});
});
