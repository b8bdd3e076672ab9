import { openSqliteLedger } from '../../core/ledger/open-ledger';
import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, type ExampleWorkflow, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { readExecutions, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { ChatStub } from './fixtures/approval-chat-stub';
import { TelegramStub } from './fixtures/approval-telegram-stub';
import { TELEGRAM_CHAT_ID, TELEGRAM_TOKEN, telegramCredential } from './fixtures/approval-workflows';
import { ALPACA_KEY, alpacaPaperCredential, credentialRef, TRADINGVIEW_REF } from './fixtures/example-broker-credentials';
import { nextRun, quietPoint } from './fixtures/example-scheduled-runs';
import { until } from './fixtures/approval-until';
import { heartbeatSettings, WEEKDAYS } from './fixtures/monitoring-examples';
import { sendScriptedPaperDay } from './fixtures/scripted-paper-day';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';

// The monitoring examples next to the Paper and Alpaca trading examples, as a user sets them up.
// Only the schedules are shortened (every 5 seconds), the notification URLs point at a local
// Slack-style stub and the Telegram credential at a local Bot API stub. The Alpaca trading
// workflow names examples/error-workflow.json as its Error Workflow (Workflow settings).

// Six workflows, three of them on a schedule, in one n8n on two shared cores: start-up can be slow.
jest.setTimeout(600_000);

const n8n = new N8nInstance(e2eEnvironment(), 'examples-monitoring');
const chat = new ChatStub();
const telegram = new TelegramStub(TELEGRAM_TOKEN);
const ledgerQuery = ledgerQueryOn(n8n);
const EVERY_5_SECONDS = { rule: { interval: [{ field: 'seconds', secondsInterval: 5 }] } };
const TELEGRAM_REF = { telegramApi: { id: 'tgE2eCredential01', name: 'Telegram e2e bot' } };
const ERROR_WORKFLOW_ID = 'tvE2eExMonErrors';
const run = Date.now();
let alpaca: AlpacaStub;
let paper: ExampleWorkflow;
let alpacaTrading: ExampleWorkflow;
let daily: ExampleWorkflow;
let heartbeat: ExampleWorkflow;
let heartbeatClosed: ExampleWorkflow;
let errors: ExampleWorkflow;

const messagesOn = (channel: string) => chat.messages.filter((message) => message.channel === channel).map((message) => message.text);

/** Turns the kill switch "main" on or off on the n8n's ledger, as the kill switch example would. */
async function setKillSwitch(on: boolean, reason: string | null): Promise<void> {
	const ledger = openSqliteLedger(n8n.ledgerPath);
	try {
		await ledger.risk.setKillSwitch('main', on, reason, new Date());
	} finally {
		await ledger.close();
	}
}

/** The messages a scheduled workflow's first run after everything so far posted on `channel`. */
async function nextScheduledRun(workflow: ExampleWorkflow, channel: string) {
	const lastRun = await quietPoint(n8n.n8nDatabase, workflow.id);
	const before = messagesOn(channel).length;
	const execution = await nextRun(n8n.n8nDatabase, workflow.id, lastRun);
	return { execution, messages: messagesOn(channel).slice(before) };
}

beforeAll(async () => {
	await Promise.all([chat.start(), telegram.start()]);
	alpaca = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000, fillPrice: 190 });
	const alpacaCredential = alpacaPaperCredential(alpaca.baseUrl);
	paper = loadExample('paper-trading.json', { id: 'tvE2eExMonPaper1', credentials: { 'TradingView Trigger': TRADINGVIEW_REF } });
	// Its session open all of today, whenever the suite runs; failures go to the error workflow.
	const today = WEEKDAYS[new Date().getUTCDay()].toLowerCase();
	const alpacaExample = loadExample('alpaca-paper-trading.json', {
		id: 'tvE2eExMonAlpaca',
		credentials: { 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': credentialRef(alpacaCredential) },
		parameters: { 'Risk Check': { tradingSession: { session: { timeZone: 'UTC', days: [today], windows: '00:00-24:00', letExitsThrough: true } } } },
	});
	alpacaTrading = { ...alpacaExample, settings: { ...alpacaExample.settings, errorWorkflow: ERROR_WORKFLOW_ID } };
	daily = loadExample('daily-report.json', {
		id: 'tvE2eExMonDaily1',
		credentials: { 'Send to Telegram': TELEGRAM_REF },
		parameters: { 'Every day at 22:00': EVERY_5_SECONDS, 'Post to Slack': { url: chat.url('daily') }, 'Send to Telegram': { chatId: TELEGRAM_CHAT_ID } },
	});
	const heartbeatWith = (id: string, channel: string, open: boolean) =>
		loadExample('heartbeat.json', {
			id,
			parameters: { 'Every hour': EVERY_5_SECONDS, Settings: heartbeatSettings(open), 'Notify: no alert': { url: chat.url(channel) } },
		});
	heartbeat = heartbeatWith('tvE2eExMonBeat01', 'heartbeat', true);
	heartbeatClosed = heartbeatWith('tvE2eExMonBeat02', 'heartbeat-closed', false);
	errors = loadExample('error-workflow.json', { id: ERROR_WORKFLOW_ID, parameters: { Notify: { url: chat.url('errors') } } });
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, alpacaCredential, telegramCredential(telegram.baseUrl)]);
	await n8n.importAndPublish([errors, paper, alpacaTrading, daily, heartbeat, heartbeatClosed]);
	await n8n.start();
	await n8n.waitForWebhook(exampleWebhookPath(paper, 'TradingView Trigger'), 240_000);
	await n8n.waitForWebhook(exampleWebhookPath(alpacaTrading, 'TradingView Trigger'), 240_000);
});

afterAll(async () => {
	await n8n.stop();
	await alpaca?.close();
	await Promise.all([chat.stop(), telegram.stop()]);
});

describe('examples/heartbeat.json', () => {
	it('warns when no alert was accepted in the last hours of an open session', async () => {
		const { execution, messages } = await nextScheduledRun(heartbeat, 'heartbeat');
		expect(execution.status).toBe('success');
		expect(execution.outputs['Accepted alerts'][0]).toEqual([{ items: [], count: 0, nextCursor: null }]);
		expect(messages).toEqual([
			'No TradingView alert accepted in the last 2 hours (session Mon, Tue, Wed, Thu, Fri, Sat, Sun 00:00-24:00 UTC). Check the alert in TradingView (expired? webhook URL?) and the signal log for refused requests.',
		]);
	});

	it('sends nothing outside the session', async () => {
		const { execution } = await nextScheduledRun(heartbeatClosed, 'heartbeat-closed');
		expect(execution.status).toBe('success');
		expect(execution.outputs['In session?']).toEqual([[], [expect.objectContaining({ timeZone: 'UTC' })]]);
		expect(execution.outputs['Accepted alerts']).toBeUndefined();
		expect(messagesOn('heartbeat-closed')).toEqual([]);
	});
});

describe('examples/daily-report.json, after a scripted day on the Paper trading example', () => {
	beforeAll(async () => {
		await sendScriptedPaperDay(exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger'), n8n.n8nDatabase, paper.id, run);
	});

	it('posts one message with the numbers of the ledger to the webhook and the same to Telegram', async () => {
		const { execution, messages } = await nextScheduledRun(daily, 'daily');
		expect(execution.status).toBe('success');
		expect(messages).toHaveLength(1);
		const [text] = messages;
		const lines = text.split('\n');

		const [account] = ledgerQuery("SELECT realised_pnl, cash FROM paper_account WHERE account = 'demo'");
		const signals = Object.fromEntries(ledgerQuery('SELECT outcome, COUNT(*) AS n FROM signal_log GROUP BY outcome').map((row) => [row.outcome, row.n]));
		const refusals = ledgerQuery("SELECT reason, COUNT(*) AS n FROM signal_log WHERE outcome = 'rejected' GROUP BY reason");
		const fills = ledgerQuery("SELECT COUNT(*) AS n FROM paper_order WHERE account = 'demo' AND status = 'filled'")[0].n;
		const placed = ledgerQuery("SELECT COUNT(DISTINCT client_order_id) AS n FROM order_event WHERE kind = 'placed'")[0].n;
		const [nvda] = ledgerQuery("SELECT quantity, average_price FROM paper_position WHERE account = 'demo'");
		expect([account.realised_pnl, signals, refusals, fills, placed]).toEqual([100, { accepted: 4, duplicate: 1, rejected: 1 }, [{ reason: 'unauthorized', n: 1 }], 3, 3]);

		expect(lines[0]).toMatch(/^Trading report \d{4}-\d\d-\d\d \d\d:\d\d \(last 24 hours\)$/);
		expect(lines.slice(1)).toEqual([
			`Realised P&L: paper:demo ${account.realised_pnl} (${fills} fills)`,
			`Signals: ${signals.accepted} accepted, ${signals.duplicate} duplicate, ${signals.rejected} rejected (unauthorized 1)`,
			`Orders: ${placed} placed`,
			'Lost alerts (accepted, never ordered): 0',
			'Kill switches on: none',
			`Positions: paper:demo NVDA ${nvda.quantity} @ ${nvda.average_price}, realised ${account.realised_pnl}, equity ${Number(account.cash) + 5 * 50}`,
		]);
		// The same text as HTML, which Telegram shows as it is once & < > are escaped ("P&amp;L").
		const html = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
		expect(html).toContain('Realised P&amp;L: ');
		const sent = await until(() => telegram.sent.find((message) => message.text === html), 'the same report on Telegram');
		expect(sent).toMatchObject({ chat_id: TELEGRAM_CHAT_ID, text: html, parse_mode: 'HTML' });
	});

	it('names a kill switch that is on, with its reason', async () => {
		await setKillSwitch(true, 'news at 14:00');
		try {
			const { messages } = await nextScheduledRun(daily, 'daily');
			expect(messages).toHaveLength(1);
			expect(messages[0].split('\n')).toContain('Kill switches on: main (news at 14:00)');
		} finally {
			await setKillSwitch(false, null);
		}
	});

	it('makes the heartbeat stay silent once an alert was accepted', async () => {
		const { execution, messages } = await nextScheduledRun(heartbeat, 'heartbeat');
		expect(execution.status).toBe('success');
		expect(execution.outputs['Accepted alerts'][0][0]).toMatchObject({ count: 1, items: [expect.objectContaining({ outcome: 'accepted' })] });
		expect(execution.outputs['No alert?'][0]).toEqual([]);
		expect(execution.outputs['Notify: no alert']).toBeUndefined();
		expect(messages).toEqual([]);
	});
});

describe('examples/error-workflow.json as the Alpaca trading workflow\'s Error Workflow', () => {
	it('posts the workflow, the failed node, the execution, the alert id and the reason when Alpaca refuses the order', async () => {
		alpaca.failNext(1, 403, { code: 40310000, message: 'insufficient buying power' }, { method: 'POST', path: '/v2/orders' });
		const body = JSON.stringify({ token: TOKEN, id: `refused-${run}`, action: 'buy', symbol: 'NASDAQ:MSFT', qty: 10, price: 190 });
		expect((await sendAlert(exampleWebhookUrl(n8n.baseUrl, alpacaTrading, 'TradingView Trigger'), body)).body.status).toBe('accepted');
		const [failed] = await waitForExecutions(n8n.n8nDatabase, alpacaTrading.id, 1);
		expect(failed.status).toBe('error');
		const alertId = failed.outputs['TradingView Trigger'][0][0].alertId as string;
		expect(alertId).toBe(`refused-${run}`);
		expect(failed.errors['Broker Order']).toMatch(/insufficient buying power/);

		const text = await until(() => messagesOn('errors').find((message) => message.includes(alertId)), 'the error workflow\'s message');
		expect(text.split('\n')).toEqual([
			`n8n workflow "${alpacaTrading.name}" failed at node "Broker Order".`,
			`Alert: ${alertId}`,
			expect.stringMatching(new RegExp(`^Reason: alpaca: .*insufficient buying power.* \\(Reason code: insufficient_funds, broker code 40310000\\. Alert ID: ${alertId}\\)$`)),
			expect.stringMatching(new RegExp(`^Execution ${failed.id}: http://[^ ]+/workflow/${alpacaTrading.id}/executions/${failed.id}$`)),
		]);
		const [errorRun] = await waitForExecutions(n8n.n8nDatabase, ERROR_WORKFLOW_ID, 1);
		expect(errorRun).toMatchObject({ status: 'success', mode: 'error' });
		expect(readExecutions(n8n.n8nDatabase, ERROR_WORKFLOW_ID)).toHaveLength(1);
	});
});
