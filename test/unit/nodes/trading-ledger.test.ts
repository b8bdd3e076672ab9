import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { LEDGER_PATH_ENV } from '../../../core/ledger/ledger-location';
import { closeSharedLedgers, sharedLedger } from '../../../core/ledger/open-ledger';
import { TradingLedger } from '../../../nodes/TradingLedger/TradingLedger.node';
import { rejection } from '../../support/rejection';
import { makeTempDir, type TempDir } from '../ledger/temp-ledger-dir';

// The node's shell: parameters in, a core report out as items, a wrong filter named by its field.

const NODE: INode = { id: 'n1', name: 'TradingView Ledger', type: 'tradingLedger', typeVersion: 1, position: [0, 0], parameters: {} };

function context(parameters: Record<string, unknown>, inputs = 1, continueOnFail = false): IExecuteFunctions {
	const values: Record<string, unknown> = { resource: 'report', operation: 'signals', returnAll: false, limit: 50, filters: {}, options: {}, ledger: 'sqlite', ...parameters };
	return {
		getInputData: () => Array.from({ length: inputs }, () => ({ json: {} })),
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getNode: () => NODE,
		getCredentials: async () => ({}),
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

describe('TradingView Ledger', () => {
	let dir: TempDir;
	const previous = process.env[LEDGER_PATH_ENV];
	beforeAll(async () => {
		dir = makeTempDir();
		process.env[LEDGER_PATH_ENV] = dir.file('ledger.sqlite');
		const ledger = sharedLedger(dir.file('ledger.sqlite'));
		for (let index = 1; index <= 3; index++) {
			await ledger.signals.admitAlert(
				{ receivedAt: new Date(Date.UTC(2024, 2, 1, 12, 0, index)), scope: 'wf/t', sourceIp: null, body: '{}', alertId: `a-${index}`, item: { symbol: 'AAPL' } },
				{ dedupeWindowMs: 60_000, redeliverAfterMs: 0 },
			);
		}
	});
	afterAll(async () => {
		await closeSharedLedgers();
		if (previous === undefined) delete process.env[LEDGER_PATH_ENV];
		else process.env[LEDGER_PATH_ENV] = previous;
		dir.remove();
	});

	const run = async (parameters: Record<string, unknown>, inputs?: number, continueOnFail?: boolean) =>
		await new TradingLedger().execute.call(context(parameters, inputs, continueOnFail));

	it('outputs one item per row, up to the limit', async () => {
		const [items] = await run({ limit: 2 });
		expect(items.map((item) => item.json.alertId)).toEqual(['a-3', 'a-2']);
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('outputs the page as one item with its next cursor, and reads the next page with it', async () => {
		const [[page]] = await run({ limit: 2, options: { output: 'page' } });
		expect(page.json).toMatchObject({ count: 2, nextCursor: expect.any(String) });
		const [[next]] = await run({ limit: 2, options: { output: 'page', cursor: page.json.nextCursor } });
		expect(next.json).toMatchObject({ count: 1, nextCursor: null, items: [expect.objectContaining({ alertId: 'a-1', symbol: 'AAPL' })] });
	});

	it('returns all rows, and the outcome filter of the chosen report', async () => {
		expect((await run({ returnAll: true, limit: 1 }))[0]).toHaveLength(3);
		expect((await run({ filters: { outcome_signals: 'rejected' } }))[0]).toHaveLength(0);
		expect((await run({ operation: 'health', filters: { from: '2024-03-01T00:00:00' } }))[0][0].json).toMatchObject({ from: '2024-03-01T00:00:00.000Z', signals: { accepted: 3 } });
	});

	it('names the field of a wrong filter', async () => {
		const error = await rejection(run({ filters: { from: 'last tuesday' } }));
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('From: must be a date and time, such as 2024-03-01T00:00:00Z');
		const [[item]] = await run({ filters: { from: '2024-03-02T00:00:00Z', until: '2024-03-01T00:00:00Z' } }, 1, true);
		expect(item.json.error).toBe('Until: must be later than from');
	});
});
