import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookUrl, type ExampleWorkflow } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { readExecutions, type ExecutionRecord } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { ChatStub } from './fixtures/approval-chat-stub';
import { TelegramStub, type SentMessage } from './fixtures/approval-telegram-stub';
import { until } from './fixtures/approval-until';
import { approvalWorkflows, CHANNEL, TELEGRAM_CHAT_ID, TELEGRAM_TOKEN, telegramCredential } from './fixtures/approval-workflows';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';

jest.setTimeout(240_000);

const n8n = new N8nInstance(e2eEnvironment(), 'approval');
const chat = new ChatStub();
const telegram = new TelegramStub(TELEGRAM_TOKEN);
let workflows: ReturnType<typeof approvalWorkflows>;
let sequence = 0;

function alert(fields: Record<string, unknown>): { id: string; body: string } {
	sequence += 1;
	const id = `approval-${Date.now()}-${sequence}`;
	return { id, body: JSON.stringify({ token: TOKEN, id, action: 'buy', ...fields }) };
}

async function send(workflow: ExampleWorkflow, body: string) {
	return await sendAlert(exampleWebhookUrl(n8n.baseUrl, workflow, 'TradingView Trigger'), body, { contentType: 'application/json' });
}

const ledgerQuery = ledgerQueryOn(n8n);

const ordersOf = (alertId: string) =>
	ledgerQuery("SELECT symbol, side, quantity, status FROM paper_order WHERE account = 'approval' AND alert_id = ?", alertId);
const reservationsOf = (alertId: string) => ledgerQuery('SELECT status FROM risk_reservation WHERE alert_id = ?', alertId).map((row) => row.status);

/** The execution an accepted alert started, once it has the given status. */
async function executionOf(workflow: ExampleWorkflow, alertId: string, status: string, timeoutMs = 30_000): Promise<ExecutionRecord> {
	return await until(
		() =>
			readExecutions(n8n.n8nDatabase, workflow.id).find(
				(execution) => execution.outputs['TradingView Trigger']?.[0]?.[0]?.alertId === alertId && execution.status === status,
			),
		`a ${status} execution of ${alertId}`,
		timeoutMs,
	);
}

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const SLACK_PREVIEW = 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)';
const TELEGRAM_PREVIEW = 'TelegramBot (like TwitterBot)';

/** Opens a link as a person's browser does (or as a chat app's link preview, given its user agent). */
async function open(link: string, userAgent = BROWSER): Promise<{ status: number; text: string }> {
	// n8n writes links with its public address (localhost); the test reaches it at 127.0.0.1.
	const url = new URL(link);
	const response = await fetch(`${n8n.baseUrl}${url.pathname}${url.search}`, { headers: { 'user-agent': userAgent } });
	return { status: response.status, text: await response.text() };
}

function linkIn(text: string, label: 'Approve' | 'Reject'): string {
	const link = new RegExp(`^${label}: (\\S+)$`, 'm').exec(text)?.[1];
	if (!link) throw new Error(`no ${label} link in: ${text}`);
	return link;
}

function buttonsOf(message: SentMessage): Record<string, string> {
	return Object.fromEntries((message.reply_markup?.inline_keyboard ?? []).flat().map((button) => [button.text, button.url ?? '']));
}

const chatRequest = (channel: string, alertId: string) =>
	until(() => chat.find(channel, alertId, 'Approve: ')[0], `the approval request for ${alertId}`);
const telegramRequest = (alertId: string) =>
	until(() => telegram.find('Approve this TradingView order?', alertId)[0], `the Telegram approval request for ${alertId}`);

/** As the harness's importAndPublish, with one import for all: each n8n CLI call costs seconds to start. */
async function importAndPublishTogether(list: ExampleWorkflow[]): Promise<void> {
	const file = join(n8n.userFolder, 'approval-workflows.json');
	writeFileSync(file, JSON.stringify(list));
	await n8n.cli(['import:workflow', `--input=${file}`]);
	for (const workflow of list) await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
}

// n8n looks for waits whose time limit has passed only once a minute, so the two alerts nobody
// answers are sent first and their outcome is checked last, while the other tests run meanwhile.
const unanswered = { link: alert({ symbol: 'META', qty: 4, price: 500 }), telegram: alert({ symbol: 'NFLX', qty: 2, price: 600 }) };

beforeAll(async () => {
	await Promise.all([chat.start(), telegram.start()]);
	workflows = approvalWorkflows(chat);
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, telegramCredential(telegram.baseUrl)]);
	await importAndPublishTogether(Object.values(workflows));
	await n8n.start();
	for (const workflow of Object.values(workflows)) {
		await n8n.waitForWebhook(exampleWebhookUrl('', workflow, 'TradingView Trigger').replace('/webhook/', ''));
	}
	expect((await send(workflows.linkTimeout, unanswered.link.body)).body.status).toBe('accepted');
	expect((await send(workflows.telegramTimeout, unanswered.telegram.body)).body.status).toBe('accepted');
});

afterAll(async () => {
	await n8n.stop();
	await Promise.all([chat.stop(), telegram.stop()]);
});

describe('examples/human-approval.json (approval by link, Wait node) in a real n8n', () => {
	it('orders only after the approve link is opened, exactly once, and confirms the Risk Check reservation', async () => {
		const { id, body } = alert({ symbol: 'AAPL', qty: 5, price: 100 });
		expect((await send(workflows.link, body)).body.status).toBe('accepted');

		const request = await chatRequest(CHANNEL.link, id);
		expect(request.text).toContain('BUY 5 AAPL at 100');
		await executionOf(workflows.link, id, 'waiting');
		expect(ordersOf(id)).toEqual([]);
		expect(reservationsOf(id)).toEqual(['reserved']);

		// Slack's link preview fetches the links it sees: that must not count as an answer.
		expect((await open(linkIn(request.text, 'Approve'), SLACK_PREVIEW)).status).toBe(403);
		await executionOf(workflows.link, id, 'waiting');
		expect(ordersOf(id)).toEqual([]);

		expect((await open(linkIn(request.text, 'Approve'))).status).toBe(200);

		const placed = await until(() => chat.find(CHANNEL.link, 'Approved and ordered', id)[0], 'the "order placed" message');
		expect(placed.text).toBe(`Approved and ordered: buy 5 AAPL (paper, filled, filled 5 at 100). Alert ${id}`);
		const execution = await executionOf(workflows.link, id, 'success');
		// The browser's request resumed it, not the preview's.
		expect(execution.outputs['Wait for approval'][0][0]).toMatchObject({ query: { approved: 'true' }, headers: { 'user-agent': BROWSER } });
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ broker: 'paper', symbol: 'AAPL', status: 'filled', filledQuantity: 5 });
		expect(ordersOf(id)).toEqual([{ symbol: 'AAPL', side: 'buy', quantity: 5, status: 'filled' }]);
		expect(reservationsOf(id)).toEqual(['confirmed']);

		// Opening the link again changes nothing: the execution is over.
		expect((await open(linkIn(request.text, 'Approve'))).status).toBe(409);
		expect(ordersOf(id)).toHaveLength(1);
	});

	it('orders nothing when the reject link is opened, not even if the approve link is opened afterwards', async () => {
		const { id, body } = alert({ symbol: 'MSFT', qty: 3, price: 400 });
		expect((await send(workflows.link, body)).body.status).toBe('accepted');
		const request = await chatRequest(CHANNEL.link, id);
		await executionOf(workflows.link, id, 'waiting');

		expect((await open(linkIn(request.text, 'Reject'))).status).toBe(200);
		const notApproved = await until(() => chat.find(CHANNEL.link, 'Not ordered', id)[0], 'the "not approved" message');
		expect(notApproved.text).toBe(`Not ordered: BUY 3 MSFT was rejected. Alert ${id}`);
		const execution = await executionOf(workflows.link, id, 'success');
		expect(execution.outputs['Broker Order']).toBeUndefined();

		expect((await open(linkIn(request.text, 'Approve'))).status).toBe(409);
		expect(ordersOf(id)).toEqual([]);
		// "Release the reservation" freed its place in the counters at once.
		expect(reservationsOf(id)).toEqual(['released']);
		expect(execution.outputs['Release the reservation'][0][0]).toMatchObject({ reservation: { status: 'released', released: true } });
	});

	it('sends a Risk Check rejection to the chat with its reasons, and asks for no approval', async () => {
		const { id, body } = alert({ symbol: 'NVDA', qty: 1000, price: 10 });
		expect((await send(workflows.link, body)).body.status).toBe('accepted');
		const execution = await executionOf(workflows.link, id, 'success');
		expect(execution.outputs['Ask for approval']).toBeUndefined();
		expect(chat.find(CHANNEL.link, id).map((message) => message.text)).toEqual([
			`Risk Check rejected BUY 1000 NVDA: quantity 1000 is above the limit of 100 per order. Alert ${id}`,
		]);
		expect(ordersOf(id)).toEqual([]);
	});

	it('sends a request with a wrong token to the chat as refused, without the token', async () => {
		const wrongToken = 'not-the-right-token-0042';
		const answer = await send(workflows.link, JSON.stringify({ token: wrongToken, action: 'buy', symbol: 'AMD', qty: 1 }));
		expect(answer).toEqual({ status: 401, body: { error: 'unauthorized' } });
		const refused = await until(() => chat.find(CHANNEL.link, 'refused')[0], 'the "alert refused" message');
		expect(refused.text).toBe('TradingView Trigger refused a request from 127.0.0.1 (401 unauthorized): token: missing or wrong token');
		expect(chat.messages.map((message) => message.text).join('\n')).not.toContain(wrongToken);
		// The chat message is sent before n8n stores the execution: wait for the stored one.
		const refusedRuns = () => readExecutions(n8n.n8nDatabase, workflows.link.id).filter((execution) => execution.outputs['Notify: alert refused']);
		await until(() => refusedRuns()[0], 'the stored execution of the refusal');
		const executions = refusedRuns();
		expect(executions).toHaveLength(1);
		expect(executions[0].outputs['Risk Check']).toBeUndefined();
	});
});

describe('examples/human-approval-telegram.json (Send and Wait in Telegram) against a stub Telegram Bot API', () => {
	it('sends Approve and Reject buttons and orders only after Approve is pressed', async () => {
		const { id, body } = alert({ symbol: 'TSLA', qty: 2, price: 200 });
		expect((await send(workflows.telegram, body)).body.status).toBe('accepted');

		const request = await telegramRequest(id);
		expect(request).toMatchObject({ chat_id: TELEGRAM_CHAT_ID, parse_mode: 'Markdown' });
		expect(request.text).toBe(`Approve this TradingView order?\nBUY 2 TSLA at 200\nAlert ${id}\nNo answer within 15 minutes: nothing is ordered.`);
		const buttons = buttonsOf(request);
		expect(Object.keys(buttons).sort()).toEqual(['✅ Approve', '❌ Reject']);
		await executionOf(workflows.telegram, id, 'waiting');
		expect(ordersOf(id)).toEqual([]);

		// Telegram's link preview is recognised as a bot and answered without resuming.
		expect(await open(buttons['✅ Approve'], TELEGRAM_PREVIEW)).toEqual({ status: 200, text: '' });
		await executionOf(workflows.telegram, id, 'waiting');
		expect(ordersOf(id)).toEqual([]);

		expect((await open(buttons['✅ Approve'])).status).toBe(200);
		const placed = await until(() => telegram.find('Approved and ordered', id)[0], 'the Telegram "order placed" message');
		expect(placed).toMatchObject({ chat_id: TELEGRAM_CHAT_ID, parse_mode: 'HTML', text: `Approved and ordered: buy 2 TSLA (paper, filled, filled 2 at 200). Alert ${id}` });
		await executionOf(workflows.telegram, id, 'success');
		expect(ordersOf(id)).toEqual([{ symbol: 'TSLA', side: 'buy', quantity: 2, status: 'filled' }]);
		expect(reservationsOf(id)).toEqual(['confirmed']);
	});

	it('orders nothing after Reject, and refuses a Reject link edited into an approval', async () => {
		const { id, body } = alert({ symbol: 'EUR_USD', qty: 50, price: 1.1 });
		expect((await send(workflows.telegram, body)).body.status).toBe('accepted');
		const request = await telegramRequest(id);
		// Telegram Markdown would read the underscore as the start of italics.
		expect(request.text).toContain('BUY 50 EUR\\_USD at 1.1');
		await executionOf(workflows.telegram, id, 'waiting');

		const reject = buttonsOf(request)['❌ Reject'];
		const forged = reject.replace('approved=false', 'approved=true');
		expect(forged).not.toBe(reject);
		expect((await open(forged)).status).toBe(401);
		await executionOf(workflows.telegram, id, 'waiting');

		expect((await open(reject)).status).toBe(200);
		await until(() => telegram.find(`Not ordered: BUY 50 EUR_USD was rejected. Alert ${id}`)[0], 'the Telegram "not approved" message');
		const execution = await executionOf(workflows.telegram, id, 'success');
		expect(execution.outputs['Broker Order']).toBeUndefined();
		expect(ordersOf(id)).toEqual([]);
	});

	it('reports Risk Check rejections and refused requests in the chat', async () => {
		const { id, body } = alert({ symbol: 'AMZN', qty: 10, price: 5000 });
		expect((await send(workflows.telegram, body)).body.status).toBe('accepted');
		await until(() => telegram.find('Risk Check rejected', id)[0], 'the Telegram "rejected by risk" message');
		expect(telegram.find(id).map((message) => message.text)).toEqual([
			`Risk Check rejected BUY 10 AMZN: notional 50000 (10 × 5000) is above the limit of 25000 per order. Alert ${id}`,
		]);

		expect((await send(workflows.telegram, JSON.stringify({ token: 'wrong-token-for-telegram', action: 'buy', symbol: 'AMZN' }))).status).toBe(401);
		const refused = await until(() => telegram.find('refused a request')[0], 'the Telegram "alert refused" message');
		expect(refused.text).toBe('TradingView Trigger refused a request from 127.0.0.1 (401 unauthorized): token: missing or wrong token');
	});
});

describe('an approval request nobody answers', () => {
	it('places no order once the time limit has passed (Wait node)', async () => {
		const { id } = unanswered.link;
		const request = await chatRequest(CHANNEL.linkTimeout, id);
		const notApproved = await until(() => chat.find(CHANNEL.linkTimeout, 'Not ordered', id)[0], 'the timed-out "not approved" message', 120_000);
		expect(notApproved.text).toBe(`Not ordered: BUY 4 META was not answered in time. Alert ${id}`);
		const execution = await executionOf(workflows.linkTimeout, id, 'success');
		expect(execution.outputs['Broker Order']).toBeUndefined();
		expect((await open(linkIn(request.text, 'Approve'))).status).toBe(409);
		expect(ordersOf(id)).toEqual([]);
		expect(reservationsOf(id)).toEqual(['released']);
	});

	it('places no order once the time limit has passed (Telegram)', async () => {
		const { id } = unanswered.telegram;
		const request = await telegramRequest(id);
		await until(() => telegram.find(`Not ordered: BUY 2 NFLX was not answered in time. Alert ${id}`)[0], 'the timed-out Telegram message', 120_000);
		const execution = await executionOf(workflows.telegramTimeout, id, 'success');
		expect(execution.outputs['Broker Order']).toBeUndefined();
		await open(buttonsOf(request)['✅ Approve']);
		expect(ordersOf(id)).toEqual([]);
		expect(reservationsOf(id)).toEqual(['released']);
		expect(readExecutions(n8n.n8nDatabase, workflows.telegramTimeout.id).map((run) => run.status)).toEqual(['success']);
	});
});
