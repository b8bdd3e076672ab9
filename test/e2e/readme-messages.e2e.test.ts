import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// Every alert message the README and the docs show, sent as TradingView sends it through every
// example flow the docs say it fits, in a real n8n: an order on Paper or on a broker's stub.
//
// The docs mark each message with an HTML comment on the line before its code block:
//   <!-- alert-message: <name> fits: <example>,<example> [with: target-position-mode] [pine: <id>] -->
// A ```json or ```text block is what goes into TradingView's Message box; a ```bash block is a
// curl line (its --data is sent); a ```pine block is a script whose alert() or alertcondition()
// calls make the message. `pine: <id>` names a block marked <!-- pine: <id> --> whose orders'
// alert_message arguments fill {{strategy.order.alert_message}}. Placeholders are rendered as
// TradingView renders them, Pine string expressions evaluated as Pine would, and YOUR_TOKEN is
// replaced with the token (a message without it gets ?token= in the URL, as the docs say).

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------------
// The marked blocks

interface Block {
	file: string;
	line: number;
	lang: string;
	body: string;
	/** The HTML comment right before the fence, if any. */
	marker: string | null;
}

interface MarkedMessage extends Block {
	name: string;
	fits: string[];
	with: string[];
	pine: string | null;
}

function markdownFiles(): string[] {
	const docs = readdirSync(join(ROOT, 'docs'), { recursive: true })
		.map(String)
		.filter((file) => file.endsWith('.md'))
		.map((file) => join('docs', file));
	return ['README.md', ...docs.sort()];
}

function blocksOf(file: string): Block[] {
	const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
	const blocks: Block[] = [];
	for (let index = 0; index < lines.length; index++) {
		const open = /^```(\w*)\s*$/.exec(lines[index]);
		if (!open) continue;
		const close = lines.findIndex((line, at) => at > index && /^```\s*$/.test(line));
		if (close === -1) throw new Error(`${file}:${index + 1}: a code block is never closed`);
		let before = index - 1;
		while (before >= 0 && lines[before].trim() === '') before--;
		const comment = before >= 0 ? /^<!--\s*(.*?)\s*-->$/.exec(lines[before].trim()) : null;
		blocks.push({ file, line: index + 1, lang: open[1], body: lines.slice(index + 1, close).join('\n'), marker: comment ? comment[1] : null });
		index = close;
	}
	return blocks;
}

function parseMarker(block: Block): MarkedMessage | null {
	if (!block.marker?.startsWith('alert-message:')) return null;
	const words = block.marker.slice('alert-message:'.length).trim().split(/\s+/);
	const [name, ...rest] = words;
	const attributes: Record<string, string> = {};
	for (let index = 0; index < rest.length; index += 2) {
		if (!rest[index].endsWith(':') || rest[index + 1] === undefined) throw new Error(`${block.file}:${block.line}: cannot read the marker "${block.marker}"`);
		attributes[rest[index].slice(0, -1)] = rest[index + 1];
	}
	const list = (value: string | undefined) => (value ? value.split(',').filter(Boolean) : []);
	return { ...block, name, fits: list(attributes.fits), with: list(attributes.with), pine: attributes.pine ?? null };
}

const FILES = markdownFiles();
const BLOCKS = FILES.flatMap(blocksOf);
const MESSAGES = BLOCKS.map(parseMarker).filter((message): message is MarkedMessage => message !== null);
const PINE_BLOCKS = new Map(
	BLOCKS.filter((block) => block.marker?.startsWith('pine:')).map((block) => [(block.marker as string).slice('pine:'.length).trim(), block]),
);

// ---------------------------------------------------------------------------------------------
// Pine, as far as the docs' scripts use it: calls, their arguments, string concatenation

/** Splits `text` at `separator` where it is outside quotes and parentheses. */
function splitTopLevel(text: string, separator: string): string[] {
	const parts: string[] = [];
	let depth = 0;
	let quote: string | null = null;
	let start = 0;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quote) {
			if (char === '\\') index++;
			else if (char === quote) quote = null;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === '(' || char === '[') depth++;
		else if (char === ')' || char === ']') depth--;
		else if (char === separator && depth === 0) {
			parts.push(text.slice(start, index).trim());
			start = index + 1;
		}
	}
	parts.push(text.slice(start).trim());
	return parts;
}

/** For each position of the script, whether it is code (not inside a string or a `//` comment). */
function codeMask(source: string): boolean[] {
	const mask: boolean[] = [];
	let quote: string | null = null;
	let comment = false;
	for (let index = 0; index < source.length; index++) {
		const char = source[index];
		if (comment) {
			if (char === '\n') comment = false;
		} else if (quote) {
			if (char === '\\') {
				// The escaped character is part of the string too.
				mask.push(false);
				index++;
			} else if (char === quote) quote = null;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === '/' && source[index + 1] === '/') comment = true;
		mask.push(quote === null && !comment);
	}
	return mask;
}

/** The argument lists of every call of `fn` in the script (not in its strings or comments). */
function pineCalls(source: string, fn: string): string[][] {
	const calls: string[][] = [];
	const code = codeMask(source);
	const pattern = new RegExp(`(?<![\\w.])${fn.replace(/\./g, '\\.')}\\s*\\(`, 'g');
	for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
		if (!code[match.index]) continue;
		const open = match.index + match[0].length;
		let depth = 1;
		let quote: string | null = null;
		let index = open;
		for (; index < source.length && depth > 0; index++) {
			const char = source[index];
			if (quote) {
				if (char === '\\') index++;
				else if (char === quote) quote = null;
			} else if (char === '"' || char === "'") quote = char;
			else if (char === '(') depth++;
			else if (char === ')') depth--;
		}
		calls.push(splitTopLevel(source.slice(open, index - 1), ','));
	}
	return calls;
}

function named(args: string[], name: string): string | null {
	for (const arg of args) {
		const match = /^(\w+)\s*=(?!=)\s*([\s\S]*)$/.exec(arg);
		if (match && match[1] === name) return match[2];
	}
	return null;
}

function positional(args: string[], index: number): string | null {
	const plain = args.filter((arg) => !/^\w+\s*=(?!=)/.test(arg));
	return plain[index] ?? null;
}

function stringLiteral(term: string): string | null {
	const match = /^(["'])([\s\S]*)\1$/.exec(term);
	if (!match) return null;
	return match[2].replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char === 't' ? '\t' : char));
}

interface PineContext {
	/** The script's own top-level `name = expression` lines. */
	variables: Map<string, string>;
	/** Built-in expressions the scripts use, as the alert's bar gives them. */
	builtins: Record<string, string>;
}

function scriptVariables(source: string): Map<string, string> {
	const variables = new Map<string, string>();
	for (const line of source.split('\n')) {
		const match = /^(\w+)\s*=(?!=)\s*(.+)$/.exec(line);
		if (match) variables.set(match[1], match[2].trim());
	}
	return variables;
}

/** A Pine string expression (literals, variables and built-ins joined by `+`), evaluated. */
function evaluatePine(expression: string, context: PineContext, depth = 0): string {
	if (depth > 10) throw new Error(`Pine expression nests too deep: ${expression}`);
	return splitTopLevel(expression, '+')
		.map((term) => {
			const literal = stringLiteral(term);
			if (literal !== null) return literal;
			const normalised = term.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\s*,\s*/g, ', ');
			if (normalised in context.builtins) return context.builtins[normalised];
			const variable = context.variables.get(normalised);
			if (variable !== undefined) return evaluatePine(variable, context, depth + 1);
			throw new Error(`the test cannot evaluate the Pine term "${term}": add it to the built-ins`);
		})
		.join('');
}

// ---------------------------------------------------------------------------------------------
// What TradingView fills in

interface Market {
	ticker: string;
	exchange: string;
	close: number;
	/** One "contract" of the scenarios, in this market's units (shares, coins, currency units). */
	unit: number;
}

type Side = 'long' | 'short' | 'flat';

interface Fill {
	action: 'buy' | 'sell';
	contracts: number;
	after: [Side, number];
	before: [Side, number];
	id: string;
}

interface Step {
	/** A strategy order fill: fills the {{strategy.*}} placeholders. */
	fill?: Fill;
	/** For a Pine block: the call whose message is sent. */
	call?: { fn: 'alert'; index: number } | { fn: 'alertcondition'; title: string };
	/** For {{strategy.order.alert_message}}: the order call (`strategy.entry`, `strategy.close`) and its id. */
	order?: { fn: string; id: string };
	/** An alert the test sends first, not from the docs (to open a position an exit then closes). */
	setup?: { action: 'buy'; contracts: number };
	/** The broker's position after the step, in contracts of the market. */
	position: number;
}

const number = (value: number): string => String(Number(value.toFixed(8)));

/** TradingView's time placeholders: second precision, UTC, "2026-12-02T14:00:01Z". */
function isoSeconds(time: number): string {
	return new Date(Math.floor(time / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function placeholderValues(market: Market, step: Step, now: number): Record<string, string> {
	const values: Record<string, string> = {
		ticker: market.ticker,
		exchange: market.exchange,
		close: number(market.close),
		interval: '60',
		timenow: isoSeconds(now),
		time: isoSeconds(Math.floor(now / 3_600_000) * 3_600_000),
	};
	const fill = step.fill;
	if (fill) {
		const size = (contracts: number) => number(contracts * market.unit);
		const signed = ([side, contracts]: [Side, number]) => number((side === 'short' ? -contracts : side === 'flat' ? 0 : contracts) * market.unit);
		Object.assign(values, {
			'strategy.order.action': fill.action,
			'strategy.order.contracts': size(fill.contracts),
			'strategy.order.price': number(market.close),
			'strategy.order.id': fill.id,
			'strategy.order.comment': fill.id,
			'strategy.market_position': fill.after[0],
			'strategy.market_position_size': size(fill.after[1]),
			'strategy.prev_market_position': fill.before[0],
			'strategy.prev_market_position_size': size(fill.before[1]),
			'strategy.position_size': signed(fill.after),
		});
	}
	return values;
}

function renderPlaceholders(template: string, values: Record<string, string>, where: string): string {
	return template.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => {
		const value = values[name.trim()];
		if (value === undefined) throw new Error(`${where}: the test has no value for the placeholder {{${name}}}`);
		return value;
	});
}

/** The text TradingView posts for this step of this message. */
function renderMessage(message: MarkedMessage, market: Market, step: Step, now: number): { body: string; contentType: string | null } {
	const where = `${message.file}:${message.line} (${message.name})`;
	const values = placeholderValues(market, step, now);
	const pineContext = (source: string): PineContext => ({
		variables: scriptVariables(source),
		builtins: {
			'syminfo.prefix': market.exchange,
			'syminfo.ticker': market.ticker,
			'syminfo.tickerid': `${market.exchange}:${market.ticker}`,
			'str.tostring(close)': number(market.close),
			'str.tostring(close, format.mintick)': number(market.close),
			'str.tostring(timenow)': String(now),
		},
	});
	if (message.pine !== null) {
		const script = PINE_BLOCKS.get(message.pine);
		if (!script) throw new Error(`${where}: no code block is marked <!-- pine: ${message.pine} -->`);
		if (!step.order) throw new Error(`${where}: the scenario names no order call for {{strategy.order.alert_message}}`);
		const { fn, id } = step.order;
		const call = pineCalls(script.body, fn).find((args) => stringLiteral(args[0] ?? '') === id);
		const alertMessage = call ? named(call, 'alert_message') : null;
		if (alertMessage === null) throw new Error(`${where}: ${script.file}:${script.line} has no ${fn}("${id}", ..., alert_message = ...)`);
		values['strategy.order.alert_message'] = evaluatePine(alertMessage, pineContext(script.body));
	}
	if (message.lang === 'pine') {
		const call = step.call;
		if (!call) throw new Error(`${where}: the scenario names no alert() or alertcondition() call`);
		let expression: string | null;
		if (call.fn === 'alert') {
			expression = positional(pineCalls(message.body, 'alert')[call.index] ?? [], 0);
		} else {
			const found = pineCalls(message.body, 'alertcondition').find((args) => stringLiteral(named(args, 'title') ?? positional(args, 1) ?? '') === call.title);
			expression = found ? (named(found, 'message') ?? positional(found, 2)) : null;
		}
		if (expression === null) throw new Error(`${where}: the script has no such ${call.fn}() call`);
		// alertcondition() messages are constants with placeholders; alert() messages are built by the script.
		return { body: renderPlaceholders(evaluatePine(expression, pineContext(message.body)), values, where), contentType: null };
	}
	if (message.lang === 'bash') {
		const data = /--data(?:-raw)?\s+'([^']*)'/.exec(message.body);
		if (!data) throw new Error(`${where}: the curl line has no --data '...'`);
		const type = /-H\s+'Content-Type:\s*([^']+)'/i.exec(message.body);
		return { body: renderPlaceholders(data[1], values, where), contentType: type ? type[1].trim() : null };
	}
	return { body: renderPlaceholders(message.body, values, where), contentType: null };
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
	].map(([ticker, close]) => ({ ticker: ticker as string, exchange, close: close as number, unit: 1 }));

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FLOWS: Record<string, Flow> = {
	'paper-trading': {
		markets: stocks('NASDAQ'),
		canShort: true,
		position: (market) => Number(ledgerQuery("SELECT quantity FROM paper_position WHERE account = 'demo' AND symbol = ?", market.ticker)[0]?.quantity ?? 0),
		credentials: () => ({ 'TradingView Trigger': TRADINGVIEW_REF }),
	},
	'alpaca-paper-trading': {
		markets: stocks('NASDAQ'),
		canShort: true,
		position: (market) => alpaca.book.holdings.get(market.ticker)?.qty ?? 0,
		credentials: () => ({ 'TradingView Trigger': TRADINGVIEW_REF, 'Broker Order': credentialRef(alpacaPaperCredential(alpaca.baseUrl)) }),
		// The example lets entries through in the US session only: open it all of today, whenever the suite runs.
		parameters: () => ({
			'Risk Check': { tradingSession: { session: { timeZone: 'UTC', days: [WEEKDAYS[new Date().getUTCDay()]], windows: '00:00-24:00', letExitsThrough: true } } },
		}),
	},
	'oanda-practice-trading': {
		markets: [
			{ ticker: 'EURUSD', exchange: 'OANDA', close: 1.0852, unit: 1000 },
			{ ticker: 'GBPUSD', exchange: 'OANDA', close: 1.2671, unit: 1000 },
			{ ticker: 'USDJPY', exchange: 'OANDA', close: 149.85, unit: 1000 },
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
	const tokenInBody = body.includes('YOUR_TOKEN');
	const url = exampleWebhookUrl(n8n.baseUrl, workflow, 'TradingView Trigger') + (tokenInBody ? '' : `?token=${TOKEN}`);
	const sent = body.replaceAll('YOUR_TOKEN', TOKEN);
	// TradingView sends application/json when the message is valid JSON, text/plain otherwise.
	let type = contentType;
	if (type === null) {
		try {
			JSON.parse(sent);
			type = 'application/json';
		} catch {
			type = 'text/plain; charset=utf-8';
		}
	}
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
					const quantity = number(step.setup.contracts * market.unit);
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
				expect({ where, order }).toMatchObject({ order: { status: 'filled', alreadyPlaced: false } });
				expect((order.orders as unknown[]).length).toBeGreaterThan(0);
				expect(flow.position(market)).toBeCloseTo(baseline + step.position * market.unit, 8);
			}
		},
	);
});
