import type { BrokerAccount, BrokerPosition } from '../../../core/brokers/broker';
import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { checkPositions, comparableSymbol, type AccountView } from '../../../core/risk/position-rules';
import { evaluateItem, noRules } from './risk-fixtures';

const position = (symbol: string, quantity: number, averagePrice = 100): BrokerPosition => ({ symbol, quantity, averagePrice });
const limits = (overrides: Partial<{ maxPositionPerSymbol: number; maxOpenPositions: number; maxGrossExposure: number }>) => ({
	maxPositionPerSymbol: null,
	maxOpenPositions: null,
	maxGrossExposure: null,
	...overrides,
});
const planned = (symbol: string, before: number, after: number, price: number | null = 100) => ({ symbol, before, after, price });
const codes = (reasons: Array<{ code: string }>) => reasons.map((reason) => reason.code);

describe('position limits', () => {
	it('compares symbols the way brokers write them', () => {
		expect(comparableSymbol('BINANCE:BTCUSDT')).toBe('BTCUSDT');
		expect(comparableSymbol('BTC/USDT')).toBe('BTCUSDT');
		expect(comparableSymbol('eur_usd')).toBe('EURUSD');
	});

	it('max position per symbol counts the order on top of what is held, and never blocks a reduction', () => {
		const held = [position('AAPL', 8)];
		expect(codes(checkPositions(planned('AAPL', 8, 10), held, limits({ maxPositionPerSymbol: 10 }), []))).toEqual([]);
		const over = checkPositions(planned('AAPL', 8, 11), held, limits({ maxPositionPerSymbol: 10 }), []);
		expect(over).toEqual([{ code: 'max_position', message: 'the position in AAPL would be 11 (now 8); the limit is 10' }]);
		const short = [position('AAPL', -12)];
		expect(codes(checkPositions(planned('AAPL', -12, -9), short, limits({ maxPositionPerSymbol: 10 }), []))).toEqual([]);
		expect(codes(checkPositions(planned('AAPL', -12, -13), short, limits({ maxPositionPerSymbol: 10 }), []))).toEqual(['max_position']);
	});

	it('max open positions refuses a new symbol at the limit but lets a held one add', () => {
		const held = [position('AAPL', 1), position('MSFT', -2), position('TSLA', 0)];
		const rule = limits({ maxOpenPositions: 2 });
		expect(codes(checkPositions(planned('NVDA', 0, 1), held, rule, []))).toEqual(['max_open_positions']);
		expect(codes(checkPositions(planned('NASDAQ:AAPL', 1, 2), held, rule, []))).toEqual([]);
	});

	it('gross exposure values the other positions at their market price, else average price, and this symbol at the order price', () => {
		const held = [position('AAPL', 10, 100), position('MSFT', -5, 200)];
		const rule = limits({ maxGrossExposure: 2500 });
		expect(codes(checkPositions(planned('AAPL', 10, 15), held, rule, []))).toEqual([]);
		expect(checkPositions(planned('AAPL', 10, 16), held, rule, [])).toEqual([
			{ code: 'max_gross_exposure', message: 'gross exposure would be 2600 (now 2000); the limit is 2500' },
		]);
	});
});

describe('daily loss limit', () => {
	let ledger: Ledger;
	let account: BrokerAccount;
	let view: AccountView;
	beforeEach(() => {
		ledger = openSqliteLedger(':memory:');
		account = { currency: 'USD', cash: 1000, equity: 1000, buyingPower: 1000, realisedPnl: 0 };
		view = { key: 'paper:test', positions: async () => [], account: async () => account };
	});
	afterEach(async () => {
		await ledger.close();
	});
	const settings = noRules({ dailyLoss: { limit: 100, timeZone: 'America/New_York' } });

	it('stops entries once the day lost the limit, lets exits through, and starts again the next local day', async () => {
		const morning = new Date('2026-11-24T14:00:00Z');
		expect((await evaluateItem({}, settings, ledger.risk, morning, view)).passed).toBe(true);
		account = { ...account, realisedPnl: -99.99 };
		expect((await evaluateItem({}, settings, ledger.risk, morning, view)).passed).toBe(true);
		account = { ...account, realisedPnl: -100 };
		const stopped = await evaluateItem({}, settings, ledger.risk, morning, view);
		expect(stopped.reasons).toEqual([
			{ code: 'daily_loss_limit', message: "today's loss is 100 (realised P&L 0 at the day's first check, now -100); the limit is 100" },
		]);
		expect((await evaluateItem({ action: 'exit' }, settings, ledger.risk, morning, view)).passed).toBe(true);
		// 04:59 UTC is still the 24th in New York; 05:00 UTC is its midnight.
		expect((await evaluateItem({}, settings, ledger.risk, new Date('2026-11-25T04:59:00Z'), view)).passed).toBe(false);
		expect((await evaluateItem({}, settings, ledger.risk, new Date('2026-11-25T05:00:00Z'), view)).passed).toBe(true);
	});

	it('measures equity when the broker reports no realised P&L', async () => {
		account = { ...account, realisedPnl: null, equity: 5000 };
		const at = new Date('2026-11-24T14:00:00Z');
		await evaluateItem({}, settings, ledger.risk, at, view);
		account = { ...account, equity: 4850 };
		expect((await evaluateItem({}, settings, ledger.risk, at, view)).reasons[0].message).toBe(
			"today's loss is 150 (equity 5000 at the day's first check, now 4850); the limit is 100",
		);
	});

	it('without an account to read, the rule cannot run and says what to set', async () => {
		await expect(evaluateItem({}, settings, ledger.risk, new Date(), null)).rejects.toThrow('Positions and P&L From');
	});
});
