import type { Broker, BrokerAccount, BrokerPosition } from '../../../core/brokers/broker';
import { brokerAccountReport } from '../../../core/reports/broker-account-report';

function brokerReporting(account: BrokerAccount, positions: BrokerPosition[]): Broker {
	return { getAccount: async () => account, listPositions: async () => positions } as unknown as Broker;
}

const ACCOUNT: BrokerAccount = { currency: 'USD', cash: 9000, equity: 10250.5, buyingPower: 18000, realisedPnl: 42.5 };

describe('brokerAccountReport', () => {
	it('reports the broker’s account and each position at its market price, the broker’s own unrealised P&L first', async () => {
		const broker = brokerReporting(ACCOUNT, [
			{ symbol: 'NVDA', quantity: 5, averagePrice: 100, marketPrice: 110, unrealisedPnl: 49.9 },
			{ symbol: 'AAPL', quantity: -2, averagePrice: 200, marketPrice: 190 },
			{ symbol: 'BTC', quantity: 0.5, averagePrice: 0, marketPrice: 60000 },
		]);
		const report = await brokerAccountReport(broker, { account: 'alpaca:PK1', broker: 'alpaca' });
		expect(report).toMatchObject({
			account: 'alpaca:PK1',
			broker: 'alpaca',
			source: 'broker',
			currency: 'USD',
			startingCash: null,
			cash: 9000,
			equity: 10250.5,
			realisedPnl: 42.5,
			unrealisedPnl: 69.9,
			openPositions: 3,
		});
		expect(report.positions).toEqual([
			{ symbol: 'AAPL', quantity: -2, averagePrice: 200, markPrice: 190, unrealisedPnl: 20 },
			{ symbol: 'BTC', quantity: 0.5, averagePrice: 0, markPrice: 60000, unrealisedPnl: null },
			{ symbol: 'NVDA', quantity: 5, averagePrice: 100, markPrice: 110, unrealisedPnl: 49.9 },
		]);
	});

	it('keeps one symbol when asked, and says null where the broker reports no P&L', async () => {
		const broker = brokerReporting({ ...ACCOUNT, realisedPnl: null }, [
			{ symbol: 'EUR_USD', quantity: 1000, averagePrice: 1.1 },
			{ symbol: 'GBP_USD', quantity: 1000, averagePrice: 1.3, marketPrice: 1.31 },
		]);
		const report = await brokerAccountReport(broker, { account: 'oanda:001', broker: 'oanda', symbol: 'EUR_USD' });
		expect(report.realisedPnl).toBeNull();
		expect(report.unrealisedPnl).toBeNull();
		expect(report.openPositions).toBe(1);
		expect(report.positions).toEqual([{ symbol: 'EUR_USD', quantity: 1000, averagePrice: 1.1, markPrice: null, unrealisedPnl: null }]);
	});
});
