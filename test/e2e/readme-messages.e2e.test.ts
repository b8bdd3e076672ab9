import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, type ExampleWorkflow, loadExample, readExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, waitForExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { AlpacaStub } from '../contract/alpaca/alpaca-stub';
import { type OandaStub, startOandaStub } from '../contract/oanda/oanda-stub';
import { BinanceStub } from '../contract/binance/binance-stub';
import { decimal } from '../contract/binance/binance-stub-units';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';
import {
	ALPACA_KEY,
	alpacaPaperCredential,
	BINANCE_KEY,
	binanceTestnetCredential,
	credentialRef,
	OANDA_KEY,
	oandaPracticeCredential,
	TRADINGVIEW_REF,
} from './fixtures/example-broker-credentials';
import {
	type AlertEvent,
	docBlocks,
	type Market,
	type MarkedMessage,
	markedMessages,
	renderMessage,
	tradingViewNumber,
	tradingViewPost,
} from './fixtures/readme-messages';

// Every alert message the README and the docs show, sent as TradingView sends it through every
// example flow the docs say it fits, in a real n8n: an order on Paper or on a broker's stub.
//
// How the messages are marked, read and rendered as TradingView renders them: fixtures/readme-messages.ts.
// YOUR_TOKEN is replaced with the token (a message without it gets ?token= in the URL, as the docs say).

jest.setTimeout(300_000);

const BLOCKS = docBlocks();
const MESSAGES = markedMessages();

/** One alert of a scenario: what happened on the chart, and what the test does and expects around it. */
interface Step extends AlertEvent {
	/** An alert the test sends first, not from the docs (to open a position an exit then closes). */
	setup?: { action: 'buy'; contracts: number };
	/** The broker's position after the step, in contracts of the market. */
	position: number;
	/** A `price` or `breakeven` message: Broker Order orders nothing, the position stays. */
	ordersNothing?: true;
}

// ---------------------------------------------------------------------------------------------
// What each message does, step by step (positions in contracts of the market)

function strategyFills(canShort: boolean): Step[] {
	const entry: Step = { fill: { action: 'buy', contracts: 2, after: ['long', 2], before: ['flat', 0], id: 'Long' }, position: 2 };
	// strategy.exit(qty_percent = 50) fills: half the position.
	const partial: Step = { fill: { action: 'sell', contracts: 1, after: ['long', 1], before: ['long', 2], id: 'TP1' }, position: 1 };
	if (!canShort) {
		return [entry, partial, { fill: { action: 'sell', contracts: 1, after: ['flat', 0], before: ['long', 1], id: 'Close entry(s) order Long' }, position: 0 }];
	}
	// strategy.entry("Short") while long 1: one sell of 3, long 1 → short 2.
	const reversal: Step = { fill: { action: 'sell', contracts: 3, after: ['short', 2], before: ['long', 1], id: 'Short' }, position: -2 };
	const exit: Step = { fill: { action: 'buy', contracts: 2, after: ['flat', 0], before: ['short', 2], id: 'Close entry(s) order Short' }, position: 0 };
	return [entry, partial, reversal, exit];
}

interface Scenario {
	steps: (canShort: boolean) => Step[];
	/** The market of a message that names its symbol itself (the curl lines); else one is allotted per flow. */
	market?: Market;
}

const SCENARIOS: Record<string, Scenario> = {
	'strategy-template': { steps: strategyFills },
	// The Tradovate futures message: the strategy's fills in contracts, as the template sends them.
	'tradovate-futures': { steps: strategyFills },
	'strategy-flat-names': { steps: strategyFills },
	'strategy-target-position': { steps: strategyFills },
	'strategy-alert-message': {
		steps: () => [
			{ fill: { action: 'buy', contracts: 1, after: ['long', 1], before: ['flat', 0], id: 'Long' }, order: { fn: 'strategy.entry', id: 'Long' }, position: 1 },
			{ fill: { action: 'sell', contracts: 1, after: ['flat', 0], before: ['long', 1], id: 'Long' }, order: { fn: 'strategy.close', id: 'Long' }, position: 0 },
		],
	},
	'indicator-alertcondition': {
		steps: () => [
			{ call: { fn: 'alertcondition', title: 'RSI buy' }, position: 1 },
			{ call: { fn: 'alertcondition', title: 'RSI exit' }, position: 0 },
		],
	},
	'indicator-alert': {
		steps: () => [
			{ call: { fn: 'alert', index: 0 }, position: 1 },
			{ call: { fn: 'alert', index: 1 }, position: 0 },
		],
	},
	'simple-json': { steps: () => [{ position: 10 }] },
	'key-value': { steps: () => [{ position: 10 }] },
	'sentence': { steps: () => [{ position: 10 }] },
	'exit-json': { steps: () => [{ setup: { action: 'buy', contracts: 5 }, position: 0 }] },
	'exits-bracket-json': { steps: () => [{ position: 10 }] },
	'exits-trailing-json': { steps: () => [{ position: 10 }] },
	'exits-partial-json': { steps: () => [{ setup: { action: 'buy', contracts: 4 }, position: 2 }] },
	'exits-breakeven-json': { steps: () => [{ setup: { action: 'buy', contracts: 5 }, position: 5, ordersNothing: true }] },
	'exits-price-json': { steps: () => [{ position: 0, ordersNothing: true }] },
	// The entry, a price, the exit, then a breakeven with nothing left to move.
	'indicator-exits': {
		steps: () => [
			{ call: { fn: 'alert', index: 0 }, position: 1 },
			{ call: { fn: 'alert', index: 3 }, position: 1, ordersNothing: true },
			{ call: { fn: 'alert', index: 2 }, position: 0 },
			{ call: { fn: 'alert', index: 1 }, position: 0, ordersNothing: true },
		],
	},
	'readme-exits': {
		steps: () => [
			{ call: { fn: 'alert', index: 0 }, position: 1 },
			{ call: { fn: 'alert', index: 1 }, position: 1, ordersNothing: true },
		],
	},
	// docs/reference/exits.md: each broker's exit messages and indicator (alpaca: shares, oanda: 1000 units a contract).
	'alpaca-exits-bracket': { steps: () => [{ position: 10 }] },
	'alpaca-exits-trailing': { steps: () => [{ position: 10 }] },
	'alpaca-exits-breakeven': { steps: () => [{ setup: { action: 'buy', contracts: 5 }, position: 5, ordersNothing: true }] },
	'alpaca-exits-exit': { steps: () => [{ setup: { action: 'buy', contracts: 5 }, position: 0 }] },
	'alpaca-indicator-exits': {
		steps: () => [
			{ call: { fn: 'alert', index: 0 }, position: 10 },
			{ call: { fn: 'alert', index: 1 }, position: 10, ordersNothing: true },
			{ call: { fn: 'alert', index: 2 }, position: 0 },
		],
	},
	'oanda-exits-bracket': { steps: () => [{ position: 1 }] },
	'oanda-exits-trailing': { steps: () => [{ position: -1 }] },
	'oanda-exits-breakeven': { steps: () => [{ setup: { action: 'buy', contracts: 1 }, position: 1, ordersNothing: true }] },
	'oanda-exits-exit': { steps: () => [{ setup: { action: 'buy', contracts: 1 }, position: 0 }] },
	'oanda-indicator-exits': {
		steps: () => [
			{ call: { fn: 'alert', index: 0 }, position: 1 },
			{ call: { fn: 'alert', index: 1 }, position: 1, ordersNothing: true },
			{ call: { fn: 'alert', index: 2 }, position: 0 },
		],
	},
	'curl-test': { steps: () => [{ position: 1 }], market: { ticker: 'AAPL', exchange: 'NASDAQ', close: 189.5, unit: 1 } },
	'curl-text': { steps: () => [{ position: 1 }], market: { ticker: 'SPY', exchange: 'AMEX', close: 598.4, unit: 1 } },
	'curl-strategy': { steps: () => [{ position: 1 }], market: { ticker: 'QQQ', exchange: 'NASDAQ', close: 505.2, unit: 1 } },
};

// ---------------------------------------------------------------------------------------------
// The example flows and their brokers

const n8n = new N8nInstance(e2eEnvironment(), 'readme-messages');
const ledgerQuery = ledgerQueryOn(n8n);
let alpaca: AlpacaStub;
let oanda: OandaStub;
let binance: BinanceStub;

interface Flow {
	markets: Market[];
	canShort: boolean;
	/** The broker's signed position in the market's symbol. */
	position: (market: Market) => number;
	credentials: () => Record<string, Record<string, { id: string; name: string }>>;
	parameters?: () => Record<string, Record<string, unknown>>;
}

const stocks = (exchange: string): Market[] =>
	[
		['MSFT', 415.32],
		['NVDA', 131.6],
		['AMZN', 207.09],
		['META', 589.34],
		['TSLA', 352.56],
		['GOOGL', 170.49],
		['NFLX', 897.48],
		['AMD', 137.18],
		['INTC', 24.35],
		['ORCL', 188.2],
		['ADBE', 507.8],
		['CSCO', 59.35],
		['AVGO', 165.4],
		['COST', 921.1],
		['PEP', 152.7],
		['QCOM', 158.3],
		['TXN', 198.4],
		['IBM', 231.2],
	].map(([ticker, close]) => ({ ticker: ticker as string, exchange, close: close as number, unit: 1 }));

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FLOWS: Record<string, Flow> = {
	'paper-trading': {
		markets: stocks('NASDAQ'),
		canShort: true,
		position: (market) => Number(ledgerQuery("SELECT quantity FROM paper_position WHERE account = 'demo' AND symbol = ?", market.ticker)[0]?.quantity ?? 0),
		credentials: () => ({ 'TradingView Trigger': TRADINGVIEW_REF }),
		// The example's 20 orders a day are fewer than the suite sends through this one flow: 40 here.
		parameters: () => ({
			'Risk Check': { rules: { ...(readExample('paper-trading.json').nodes.find((node) => node.name === 'Risk Check')?.parameters.rules as object), maxOrdersPerDay: 40 } },
		}),
	},
	'alpaca-paper-trading': {
		markets: stocks('NASDAQ'),
		canShort: true,
		position: (market) => alpaca.book.holdings.get(market.ticker)?.qty ?? 0,
		credentials: () => ({ 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': credentialRef(alpacaPaperCredential(alpaca.baseUrl)) }),
		// The example lets entries through in the US session only: open it all of today, whenever the suite runs.
		// and its 20 entries a day are fewer than the suite sends to this one account: 40 here.
		parameters: () => ({
			'Risk Check': {
				tradingSession: { session: { timeZone: 'UTC', days: [WEEKDAYS[new Date().getUTCDay()]], windows: '00:00-24:00', letExitsThrough: true } },
				rules: { ...(readExample('alpaca-paper-trading.json').nodes.find((node) => node.name === 'Risk Check')?.parameters.rules as object), maxOrdersPerDay: 40 },
			},
		}),
	},
	'oanda-practice-trading': {
		markets: [
			{ ticker: 'EURUSD', exchange: 'OANDA', close: 1.0852, unit: 1000 },
			{ ticker: 'GBPUSD', exchange: 'OANDA', close: 1.2671, unit: 1000 },
			{ ticker: 'USDJPY', exchange: 'OANDA', close: 149.85, unit: 1000 },
			{ ticker: 'AUDUSD', exchange: 'OANDA', close: 0.6612, unit: 1000 },
			{ ticker: 'USDCHF', exchange: 'OANDA', close: 0.8843, unit: 1000 },
			{ ticker: 'EURGBP', exchange: 'OANDA', close: 0.8551, unit: 1000 },
			{ ticker: 'NZDUSD', exchange: 'OANDA', close: 0.5901, unit: 1000 },
			{ ticker: 'USDCAD', exchange: 'OANDA', close: 1.4012, unit: 1000 },
		],
		canShort: true,
		position: (market) => oanda.book.netUnits(`${market.ticker.slice(0, 3)}_${market.ticker.slice(3)}`),
		credentials: () => ({ 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': credentialRef(oandaPracticeCredential(oanda.url)) }),
	},
	'binance-testnet-trading': {
		markets: [
			{ ticker: 'BTCUSDT', exchange: 'BINANCE', close: 97250.5, unit: 0.001 },
			{ ticker: 'ETHUSDT', exchange: 'BINANCE', close: 3650.25, unit: 0.01 },
		],
		// Spot: coins held, no shorts.
		canShort: false,
		position: (market) => {
			const asset = market.ticker.replace(/USDT$/, '');
			return Number(decimal((binance.spot.free.get(asset) ?? 0n) + (binance.spot.locked.get(asset) ?? 0n)));
		},
		credentials: () => ({ 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': credentialRef(binanceTestnetCredential(binance.baseUrl)) }),
	},
};

const MODES: Record<string, (file: string) => Record<string, Record<string, unknown>>> = {
	// Target Position Mode, turned on where the docs say: Risk Check's Order Plan and every Broker Order that places.
	'target-position-mode': (file) => {
		const parameters: Record<string, Record<string, unknown>> = {};
		for (const node of readExample(file).nodes) {
			if (node.type.endsWith('.riskCheck')) parameters[node.name] = { orderPlan: { ...(node.parameters.orderPlan as object), targetPositionMode: true } };
			if (node.type.endsWith('.brokerOrder')) parameters[node.name] = { placeOptions: { ...(node.parameters.placeOptions as object), targetPositionMode: true } };
		}
		return parameters;
	},
};

interface Run {
	message: MarkedMessage;
	flowName: string;
	flow: Flow;
	workflowKey: string;
	market: Market;
}

/** One run per message and flow it fits, each on a symbol of its own (so rate limits and positions never meet). */
function plannedRuns(): Run[] {
	const nextMarket = new Map<string, number>();
	const runs: Run[] = [];
	for (const message of MESSAGES) {
		for (const flowName of message.fits) {
			const flow = FLOWS[flowName];
			if (!flow) continue; // reported by a test below
			const index = nextMarket.get(flowName) ?? 0;
			const fixed = SCENARIOS[message.name]?.market;
			if (!fixed) nextMarket.set(flowName, index + 1);
			const market = fixed ?? flow.markets[index];
			if (!market) throw new Error(`${flowName}: more messages fit it than the test has markets for; add one to FLOWS`);
			runs.push({ message, flowName, flow, workflowKey: [flowName, ...message.with].join('+'), market });
		}
	}
	return runs;
}

const RUNS = plannedRuns();
const workflows = new Map<string, ExampleWorkflow>();
const executionCounts = new Map<string, number>();

beforeAll(async () => {
	alpaca = await AlpacaStub.start({ ...ALPACA_KEY, cash: 1_000_000 });
	oanda = await startOandaStub({ token: OANDA_KEY.accessToken, accountId: OANDA_KEY.accountId });
	binance = await BinanceStub.start({ ...BINANCE_KEY, balances: { USDT: '100000', BTC: '0', ETH: '0' } });
	for (const run of RUNS.filter((each) => each.flowName === 'alpaca-paper-trading')) alpaca.book.prices.set(run.market.ticker, run.market.close);
	for (const market of FLOWS['oanda-practice-trading'].markets) oanda.setPrice(`${market.ticker.slice(0, 3)}_${market.ticker.slice(3)}`, market.close);
	for (const market of FLOWS['binance-testnet-trading'].markets) binance.spot.setPrice(market.ticker, String(market.close));

	const keys = [...new Set(RUNS.map((run) => run.workflowKey))];
	keys.forEach((key, index) => {
		const [flowName, ...modes] = key.split('+');
		const file = `${flowName}.json`;
		const flow = FLOWS[flowName];
		const parameters: Record<string, Record<string, unknown>> = { ...(flow.parameters?.() ?? {}) };
		for (const mode of modes) {
			for (const [node, values] of Object.entries(MODES[mode](file))) parameters[node] = { ...parameters[node], ...values };
		}
		workflows.set(key, loadExample(file, { id: `tvE2eReadmeMsg${String(index).padStart(2, '0')}`, credentials: flow.credentials(), parameters }));
	});
	await n8n.installPackage();
	await n8n.importCredentials([CREDENTIAL, alpacaPaperCredential(alpaca.baseUrl), oandaPracticeCredential(oanda.url), binanceTestnetCredential(binance.baseUrl)]);
	// All workflows in one import (n8n's CLI takes seconds to start), then published one by one.
	const folder = join(n8n.userFolder, 'readme-workflows');
	mkdirSync(folder, { recursive: true });
	for (const workflow of workflows.values()) writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow));
	await n8n.cli(['import:workflow', '--separate', `--input=${folder}`]);
	for (const workflow of workflows.values()) await n8n.cli(['publish:workflow', `--id=${workflow.id}`]);
	await n8n.start();
	for (const workflow of workflows.values()) await n8n.waitForWebhook(exampleWebhookPath(workflow, 'TradingView Trigger'));
}, 900_000);

afterAll(async () => {
	await n8n.stop();
	await alpaca?.close();
	await oanda?.close();
	await binance?.close();
});

async function deliver(workflow: ExampleWorkflow, body: string, contentType: string | null, where: string): Promise<ExecutionRecord> {
	const { body: sent, contentType: type, tokenInUrl } = tradingViewPost({ body, contentType }, TOKEN);
	const url = exampleWebhookUrl(n8n.baseUrl, workflow, 'TradingView Trigger') + (tokenInUrl ? `?token=${TOKEN}` : '');
	const answer = await sendAlert(url, sent, { contentType: type });
	expect({ where, sent, answer }).toMatchObject({ answer: { status: 200, body: { status: 'accepted' } } });
	const count = (executionCounts.get(workflow.id) ?? 0) + 1;
	executionCounts.set(workflow.id, count);
	const executions = await waitForExecutions(n8n.n8nDatabase, workflow.id, count);
	expect(executions).toHaveLength(count);
	return executions[count - 1];
}

describe('the alert messages in the README and docs/', () => {
	it('are marked, each with a scenario and examples that exist', () => {
		const names = MESSAGES.map((message) => message.name);
		// The walkthrough's strategy message and curl line are in the README itself.
		expect(MESSAGES.filter((message) => message.file === 'README.md').map((message) => message.name)).toEqual(expect.arrayContaining(['strategy-template', 'curl-test']));
		for (const message of MESSAGES) {
			const where = `${message.file}:${message.line}`;
			expect({ where, name: message.name, known: message.name in SCENARIOS }).toEqual({ where, name: message.name, known: true });
			expect({ where, fits: message.fits.length > 0 }).toEqual({ where, fits: true });
			for (const flow of message.fits) expect({ where, flow, tested: flow in FLOWS }).toEqual({ where, flow, tested: true });
			for (const mode of message.with) expect({ where, mode, known: mode in MODES }).toEqual({ where, mode, known: true });
		}
		expect(new Set(names).size).toBe(names.length);
	});

	it('leave no TradingView message or alerting Pine script in the README or docs/tradingview-alerts.md unmarked', () => {
		const placeholder = /YOUR_TOKEN|\{\{(ticker|exchange|close|timenow|time|interval|strategy\.[a-z_.]+)\}\}/;
		const alerting = /(?<![\w.])(alert|alertcondition)\s*\(|alert_message\s*=/;
		const unmarked = BLOCKS.filter((block) => block.file === 'README.md' || block.file === join('docs', 'tradingview-alerts.md'))
			.filter((block) => (block.lang === 'pine' ? alerting.test(block.body) : placeholder.test(block.body)))
			.filter((block) => !block.marker?.startsWith('alert-message:') && !block.marker?.startsWith('pine:'))
			.map((block) => `${block.file}:${block.line}`);
		expect(unmarked).toEqual([]);
	});

	it.each(RUNS.map((run) => [`${run.message.name} (${run.message.file}:${run.message.line}) through ${run.workflowKey} on ${run.market.exchange}:${run.market.ticker}`, run]))(
		'%s',
		async (_label, run: Run) => {
			const { message, flow, market } = run;
			const workflow = workflows.get(run.workflowKey) as ExampleWorkflow;
			const steps = SCENARIOS[message.name].steps(flow.canShort);
			const baseline = flow.position(market);
			for (const [index, step] of steps.entries()) {
				const where = `${message.name} step ${index + 1} through ${run.workflowKey}`;
				if (step.setup) {
					const quantity = tradingViewNumber(step.setup.contracts * market.unit);
					const setup = JSON.stringify({ token: TOKEN, id: `readme-setup-${Date.now()}-${index}`, action: step.setup.action, symbol: `${market.exchange}:${market.ticker}`, qty: quantity, price: market.close });
					const opened = await deliver(workflow, setup, 'application/json', `${where} (setup)`);
					expect(opened.outputs['Broker Order']?.[0]?.[0]).toMatchObject({ status: 'filled' });
					expect(flow.position(market)).toBeCloseTo(baseline + step.setup.contracts * market.unit, 8);
				}
				const { body, contentType } = renderMessage(message, market, step, Date.now());
				const execution = await deliver(workflow, body, contentType, where);
				expect({ where, body, status: execution.status, errors: execution.errors, rejected: execution.outputs['Rejected by Risk Check'] }).toEqual({
					where,
					body,
					status: 'success',
					errors: {},
					rejected: undefined,
				});
				expect(execution.outputs['TradingView Trigger'][0][0]).toMatchObject({ symbol: market.ticker, exchange: market.exchange });
				expect(execution.outputs['Risk Check'][0][0].risk).toMatchObject({ passed: true });
				const order = execution.outputs['Broker Order'][0][0];
				if (step.ordersNothing) {
					expect({ where, order }).toMatchObject({ order: { status: null, orders: [] } });
				} else {
					expect({ where, order }).toMatchObject({ order: { status: 'filled', alreadyPlaced: false } });
					expect((order.orders as unknown[]).length).toBeGreaterThan(0);
				}
				expect(flow.position(market)).toBeCloseTo(baseline + step.position * market.unit, 8);
			}
		},
	);
});
