import { PaperBroker } from '../../../../core/brokers/paper/paper-broker';
import type { Ledger } from '../../../../core/ledger/ledger';
import type { OrderEventKind } from '../../../../core/ledger/order-journal';
import type { AdmissionPolicy } from '../../../../core/ledger/signal-ledger';
import { placeOnce } from '../../../../core/order/place-once';
import { DEFAULT_RETRY_POLICY } from '../../../../core/order/retry-policy';
import { ReportFilterError } from '../../../../core/reports/report-error';
import { runReport, runReportToEnd, type ReportName } from '../../../../core/reports/ledger-reports';
import { marketOrderIntent } from '../../../support/order-intents';
import { rejection } from '../../../support/rejection';
import type { LedgerBackend } from './backends';

// One scripted trading day and a half on a ledger, then every report read back from it.

const DAY1 = Date.parse('2024-03-01T12:00:00.000Z');
const DAY2 = Date.parse('2024-03-02T09:00:00.000Z');
const NOW = new Date(Date.parse('2024-03-02T18:00:00.000Z'));
const SECOND = 1_000;
const WINDOW: AdmissionPolicy = { dedupeWindowMs: 600 * SECOND, redeliverAfterMs: 0 };
const TRIGGER = 'wf-1/trigger';
const BROKER_ORDER = 'wf-1/broker-order';

const iso = (ms: number) => new Date(ms).toISOString();

async function admit(ledger: Ledger, alertId: string, atMs: number, symbol: string, action: string): Promise<string> {
	const admission = await ledger.signals.admitAlert(
		{ receivedAt: new Date(atMs), scope: TRIGGER, sourceIp: '203.0.113.7', body: `{"id":"${alertId}"}`, alertId, item: { alertId, symbol, action, quantity: 1 } },
		WINDOW,
	);
	return admission.outcome;
}

async function reject(ledger: Ledger, atMs: number, reason: string, httpStatus: number): Promise<void> {
	await ledger.signals.recordRejectedSignal({ receivedAt: new Date(atMs), scope: TRIGGER, sourceIp: null, alertId: null, body: '{}', httpStatus, reason, details: [{ field: 'token' }] });
}

/** A paper order placed as Broker Order places it: journal and paper tables, the clock at `atMs`. */
async function paperOrder(ledger: Ledger, alertId: string, atMs: number, side: 'buy' | 'sell', symbol: string, quantity: number, price: number, reduceOnly = false) {
	const now = () => new Date(atMs);
	const broker = new PaperBroker(ledger.paper, { account: 'acct-a', startingCash: 100_000, currency: 'USD', now });
	const intent = marketOrderIntent({ clientOrderId: `tv-${alertId}`, alertId, symbol, side, quantity, referencePrice: price, reduceOnly });
	return await placeOnce(intent, { broker, journal: ledger.orders, scope: BROKER_ORDER, account: 'paper:acct-a', retry: DEFAULT_RETRY_POLICY, now });
}

async function journal(ledger: Ledger, alertId: string, atMs: number, kind: OrderEventKind, detail: unknown): Promise<void> {
	await ledger.orders.record({ at: new Date(atMs), scope: BROKER_ORDER, broker: 'alpaca', alertId, clientOrderId: `tv-${alertId}`, kind, detail });
}

function alpacaOrder(alertId: string, side: 'buy' | 'sell', price: number) {
	return { brokerOrderId: `alp-${alertId}`, clientOrderId: `tv-${alertId}`, symbol: 'TSLA', side, type: 'market', quantity: 2, limitPrice: null, stopPrice: null, status: 'filled', filledQuantity: 2, averageFillPrice: price, createdAt: '2024-03-02T09:00:00.000Z' };
}

const alpacaRequest = (alertId: string, side: 'buy' | 'sell') => ({
	request: marketOrderIntent({ clientOrderId: `tv-${alertId}`, alertId, symbol: 'TSLA', side, quantity: 2 }),
	account: 'alpaca:cred-1',
});

async function scriptedDay(ledger: Ledger): Promise<void> {
	// Day 1: AAPL bought at 100 and sold at 110 on paper (+100), a duplicate and two refusals.
	expect(await admit(ledger, 'a-1', DAY1, 'AAPL', 'buy')).toBe('accepted');
	expect(await admit(ledger, 'a-1', DAY1 + SECOND, 'AAPL', 'buy')).toBe('duplicate');
	await reject(ledger, DAY1 + 2 * SECOND, 'unauthorized', 401);
	await reject(ledger, DAY1 + 3 * SECOND, 'stale_alert', 422);
	await paperOrder(ledger, 'a-1', DAY1 + 100, 'buy', 'AAPL', 10, 100);
	expect(await admit(ledger, 'a-2', DAY1 + 60 * SECOND, 'AAPL', 'exit')).toBe('accepted');
	await paperOrder(ledger, 'a-2', DAY1 + 60 * SECOND + 250, 'sell', 'AAPL', 10, 110, true);
	// Day 2: MSFT bought on paper and left open, its price moved to 60; an alert never ordered.
	expect(await admit(ledger, 'a-3', DAY2, 'MSFT', 'buy')).toBe('accepted');
	await paperOrder(ledger, 'a-3', DAY2 + 50, 'buy', 'MSFT', 5, 50);
	await new PaperBroker(ledger.paper, { account: 'acct-a', startingCash: 100_000, currency: 'USD', now: () => new Date(DAY2 + 5 * SECOND) }).markPrice('MSFT', 60);
	expect(await admit(ledger, 'a-4', DAY2 + 10 * SECOND, 'NVDA', 'buy')).toBe('accepted');
	// Day 2 on Alpaca: TSLA bought at 200 after one retry, sold at 190 (-20), and one order refused.
	expect(await admit(ledger, 'a-5', DAY2 + 20 * SECOND, 'TSLA', 'buy')).toBe('accepted');
	await journal(ledger, 'a-5', DAY2 + 20 * SECOND + 200, 'attempt', alpacaRequest('a-5', 'buy'));
	await journal(ledger, 'a-5', DAY2 + 20 * SECOND + 300, 'retry', { attempt: 1, error: { code: 'broker_unavailable', message: '503' } });
	await journal(ledger, 'a-5', DAY2 + 20 * SECOND + 900, 'placed', { attempt: 2, order: alpacaOrder('a-5', 'buy', 200) });
	expect(await admit(ledger, 'a-6', DAY2 + 30 * SECOND, 'TSLA', 'sell')).toBe('accepted');
	await journal(ledger, 'a-6', DAY2 + 30 * SECOND + 100, 'attempt', alpacaRequest('a-6', 'sell'));
	await journal(ledger, 'a-6', DAY2 + 30 * SECOND + 400, 'placed', { attempt: 1, order: alpacaOrder('a-6', 'sell', 190) });
	expect(await admit(ledger, 'a-7', DAY2 + 40 * SECOND, 'TSLA', 'buy')).toBe('accepted');
	await journal(ledger, 'a-7', DAY2 + 40 * SECOND + 100, 'attempt', alpacaRequest('a-7', 'buy'));
	await journal(ledger, 'a-7', DAY2 + 40 * SECOND + 300, 'failed', { attempt: 1, error: { code: 'invalid_order', message: 'qty must be > 0' } });
	await ledger.risk.setKillSwitch('main', true, 'daily loss', new Date(DAY2 + 50 * SECOND));
	await ledger.risk.setKillSwitch('spare', false, null, new Date(DAY2 + 50 * SECOND));
}

export function reportsContract(backend: LedgerBackend): void {
	describe('the Ledger reports', () => {
		let ledger: Ledger;
		const report = async (name: ReportName, filter: Record<string, unknown> = {}) => await runReport(name, filter, ledger, NOW);
		// The backends close what a test opened after it: each test scripts its own day.
		beforeEach(async () => {
			ledger = await (await backend.newStore()).open();
			await scriptedDay(ledger);
		});

		it('lists the signals newest first, a page at a time, and filters them', async () => {
			const first = await report('signals', { limit: 4 });
			expect(first.items.map((item) => [item.outcome, item.alertId ?? item.reason])).toEqual([
				['accepted', 'a-7'],
				['accepted', 'a-6'],
				['accepted', 'a-5'],
				['accepted', 'a-4'],
			]);
			const rest = await report('signals', { limit: 100, cursor: first.nextCursor });
			expect(rest.nextCursor).toBeNull();
			expect(rest.items.map((item) => [item.outcome, item.alertId ?? item.reason])).toEqual([
				['accepted', 'a-3'],
				['accepted', 'a-2'],
				['rejected', 'stale_alert'],
				['rejected', 'unauthorized'],
				['duplicate', 'a-1'],
				['accepted', 'a-1'],
			]);
			expect(rest.items[4]).toMatchObject({ symbol: 'AAPL', action: 'buy', httpStatus: 200, receivedAt: iso(DAY1 + SECOND), details: { originalAcceptedAt: iso(DAY1) } });
			expect((await report('signals', { outcome: 'rejected' })).items.map((item) => [item.reason, item.httpStatus])).toEqual([
				['stale_alert', 422],
				['unauthorized', 401],
			]);
			expect((await report('signals', { symbol: 'AAPL' })).items.map((item) => `${item.outcome} ${item.alertId}`)).toEqual(['accepted a-2', 'duplicate a-1', 'accepted a-1']);
			expect((await report('signals', { from: iso(DAY1 + SECOND), until: iso(DAY1 + 60 * SECOND) })).items).toHaveLength(3);
		});

		it('lists the orders per alert with their attempts, retries, broker ids and failures', async () => {
			const all = await report('orders');
			expect(all.items.map((item) => [item.alertId, item.broker, item.outcome])).toEqual([
				['a-7', 'alpaca', 'failed'],
				['a-6', 'alpaca', 'placed'],
				['a-5', 'alpaca', 'placed'],
				['a-3', 'paper', 'placed'],
				['a-2', 'paper', 'placed'],
				['a-1', 'paper', 'placed'],
			]);
			expect(all.items[2]).toMatchObject({
				clientOrderId: 'tv-a-5',
				account: 'alpaca:cred-1',
				symbol: 'TSLA',
				side: 'buy',
				quantity: 2,
				attempts: 2,
				retries: 1,
				brokerOrderId: 'alp-a-5',
				status: 'filled',
				filledQuantity: 2,
				averageFillPrice: 200,
				firstAt: iso(DAY2 + 20 * SECOND + 200),
				lastAt: iso(DAY2 + 20 * SECOND + 900),
				error: null,
			});
			expect(all.items[0]).toMatchObject({ error: 'qty must be > 0', errorCode: 'invalid_order', brokerOrderId: null });
			expect(all.items[4]).toMatchObject({ account: 'paper:acct-a', side: 'sell', reduceOnly: true, status: 'filled', averageFillPrice: 110, attempts: 1, retries: 0 });
			expect((await report('orders', { outcome: 'failed' })).items.map((item) => item.alertId)).toEqual(['a-7']);
			expect((await report('orders', { account: 'acct-a', symbol: 'AAPL' })).items.map((item) => item.alertId)).toEqual(['a-2', 'a-1']);
			expect((await report('orders', { broker: 'alpaca', until: iso(DAY2 + 35 * SECOND) })).items.map((item) => item.alertId)).toEqual(['a-6', 'a-5']);
			const paged = await runReportToEnd('orders', { limit: 1 }, ledger, 100, NOW);
			expect(paged.map((item) => item.alertId)).toEqual(all.items.map((item) => item.alertId));
			const two = await report('orders', { limit: 2 });
			expect((await report('orders', { limit: 2, cursor: two.nextCursor })).items.map((item) => item.alertId)).toEqual(['a-5', 'a-3']);
		});

		it('shows each account with its positions and realised P&L, paper from its tables and Alpaca from its journal', async () => {
			const { items } = await report('positions');
			expect(items).toEqual([
				{
					account: 'paper:acct-a',
					broker: 'paper',
					source: 'paper',
					currency: 'USD',
					startingCash: 100_000,
					cash: 99_850,
					equity: 100_150,
					realisedPnl: 100,
					unrealisedPnl: 50,
					openPositions: 1,
					positions: [{ symbol: 'MSFT', quantity: 5, averagePrice: 50, markPrice: 60, unrealisedPnl: 50 }],
					updatedAt: expect.any(String),
				},
				{
					account: 'alpaca:cred-1',
					broker: 'alpaca',
					source: 'journal',
					currency: null,
					startingCash: null,
					cash: null,
					equity: null,
					realisedPnl: -20,
					unrealisedPnl: null,
					openPositions: 0,
					positions: [],
					updatedAt: iso(DAY2 + 30 * SECOND + 400),
				},
			]);
			expect((await report('positions', { broker: 'alpaca' })).items.map((item) => item.account)).toEqual(['alpaca:cred-1']);
			expect((await report('positions', { account: 'paper:acct-a', symbol: 'AAPL' })).items[0]).toMatchObject({ positions: [], openPositions: 0, realisedPnl: 100 });
		});

		it('adds up the realised P&L per account and day, the running total matching the paper account', async () => {
			const { items } = await report('dailyPnl');
			expect(items).toEqual([
				{ day: '2024-03-01', account: 'paper:acct-a', broker: 'paper', realisedPnl: 100, fills: 2, cumulativeRealisedPnl: 100 },
				{ day: '2024-03-02', account: 'alpaca:cred-1', broker: 'alpaca', realisedPnl: -20, fills: 2, cumulativeRealisedPnl: -20 },
				{ day: '2024-03-02', account: 'paper:acct-a', broker: 'paper', realisedPnl: 0, fills: 1, cumulativeRealisedPnl: 100 },
			]);
			expect((await report('dailyPnl', { from: '2024-03-02T00:00:00Z', account: 'acct-a' })).items).toEqual([
				{ day: '2024-03-02', account: 'paper:acct-a', broker: 'paper', realisedPnl: 0, fills: 1, cumulativeRealisedPnl: 100 },
			]);
			const page = await report('dailyPnl', { limit: 2 });
			expect(page.nextCursor).toBe('2');
			expect((await report('dailyPnl', { cursor: page.nextCursor })).items.map((item) => item.account)).toEqual(['paper:acct-a']);
		});

		it('measures received → sent → acknowledged per alert, and p50/p95/max per day', async () => {
			const { items } = await report('latency', { broker: 'alpaca' });
			expect(items.map((item) => [item.alertId, item.receivedToSentMs, item.sentToAcknowledgedMs, item.receivedToAcknowledgedMs, item.outcome])).toEqual([
				['a-7', 100, null, null, 'unacknowledged'],
				['a-6', 100, 300, 400, 'acknowledged'],
				['a-5', 200, 700, 900, 'acknowledged'],
			]);
			expect(items[2]).toMatchObject({ receivedAt: iso(DAY2 + 20 * SECOND), orderSentAt: iso(DAY2 + 20 * SECOND + 200), acknowledgedAt: iso(DAY2 + 20 * SECOND + 900), symbol: 'TSLA' });
			expect((await report('latency', { outcome: 'no_order' })).items.map((item) => item.alertId)).toEqual(['a-4']);
			expect((await report('latency', { account: 'acct-a' })).items.map((item) => [item.alertId, item.receivedToAcknowledgedMs])).toEqual([
				['a-3', 50],
				['a-2', 250],
				['a-1', 100],
			]);
			expect((await report('latencyByDay')).items).toEqual([
				{
					day: '2024-03-01',
					accepted: 2,
					acknowledged: 2,
					receivedToAcknowledgedP50Ms: 100,
					receivedToAcknowledgedP95Ms: 250,
					receivedToAcknowledgedMaxMs: 250,
					receivedToSentP50Ms: 100,
					receivedToSentP95Ms: 250,
					receivedToSentMaxMs: 250,
				},
				{
					day: '2024-03-02',
					accepted: 5,
					acknowledged: 3,
					receivedToAcknowledgedP50Ms: 400,
					receivedToAcknowledgedP95Ms: 900,
					receivedToAcknowledgedMaxMs: 900,
					receivedToSentP50Ms: 100,
					receivedToSentP95Ms: 200,
					receivedToSentMaxMs: 200,
				},
			]);
		});

		it('reports health: refusals by reason, orders by outcome, the alert never ordered and the kill switch on', async () => {
			const { items } = await report('health', { from: iso(DAY1 - 3_600_000) });
			expect(items).toHaveLength(1);
			expect(items[0]).toMatchObject({
				from: iso(DAY1 - 3_600_000),
				until: NOW.toISOString(),
				signals: { accepted: 7, duplicate: 1, rejected: 2 },
				rejectedByReason: { unauthorized: 1, stale_alert: 1 },
				ordersByOutcome: { placed: 5, failed: 1 },
				unorderedAlerts: 1,
				neverStarted: 1,
				lost: 0,
				unordered: [expect.objectContaining({ alertId: 'a-4', stage: 'accepted', symbol: 'NVDA' })],
				killSwitchesOn: [{ name: 'main', reason: 'daily loss', changedAt: iso(DAY2 + 50 * SECOND) }],
			});
			const dayOne = (await report('health', { from: iso(DAY1 - 3_600_000), until: '2024-03-02T00:00:00Z' })).items[0];
			expect(dayOne).toMatchObject({ signals: { accepted: 2, duplicate: 1, rejected: 2 }, ordersByOutcome: { placed: 2 }, unorderedAlerts: 0 });
		});

		it('refuses a wrong filter, naming the field', async () => {
			const field = async (name: ReportName, filter: Record<string, unknown>) => {
				const error = await rejection(report(name, filter));
				expect(error).toBeInstanceOf(ReportFilterError);
				return (error as ReportFilterError).field;
			};
			expect(await field('signals', { from: 'yesterday' })).toBe('from');
			expect(await field('signals', { outcome: 'filled' })).toBe('outcome');
			expect(await field('positions', { outcome: 'placed' })).toBe('outcome');
			expect(await field('orders', { limit: 0 })).toBe('limit');
			expect(await field('orders', { cursor: 'abc' })).toBe('cursor');
			expect(await field('latency', { from: '2024-03-02T00:00:00Z', until: '2024-03-01T00:00:00Z' })).toBe('until');
		});
	});
}
