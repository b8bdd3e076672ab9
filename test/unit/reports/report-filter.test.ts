import { percentile } from '../../../core/reports/latency-report';
import { accountKey, parseReportFilter } from '../../../core/reports/report-filter';

describe('the report filter', () => {
	it('reads a time without a zone as UTC, keeps a zone, and takes blank fields as unset', () => {
		expect(parseReportFilter({ from: '2024-03-01T09:30:00', until: '2024-03-01T12:00:00+02:00', symbol: ' ', cursor: '' }, [])).toEqual({
			from: '2024-03-01T09:30:00.000Z',
			until: '2024-03-01T10:00:00.000Z',
			symbol: undefined,
			account: undefined,
			broker: undefined,
			outcome: undefined,
			limit: 100,
			cursor: undefined,
		});
		expect(parseReportFilter({ from: '2024-03-01', limit: 5 }, []).from).toBe('2024-03-01T00:00:00.000Z');
	});

	it('takes a bare account name as a paper account', () => {
		expect(accountKey('demo')).toBe('paper:demo');
		expect(accountKey('alpaca:7')).toBe('alpaca:7');
	});
});

describe('nearest-rank percentiles', () => {
	it('picks the smallest value with at least p% of the values at or below it', () => {
		const values = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000];
		expect([percentile(values, 50), percentile(values, 95), percentile(values, 100)]).toEqual([500, 1000, 1000]);
		expect(percentile([42], 95)).toBe(42);
		expect(percentile([], 50)).toBeNull();
	});
});
