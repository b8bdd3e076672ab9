import type { IExecuteFunctions, IHttpRequestOptions, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { LEDGER_PATH_ENV } from '../../../core/ledger/ledger-location';
import { closeSharedLedgers } from '../../../core/ledger/open-ledger';
import { TradingLedger } from '../../../nodes/TradingLedger/TradingLedger.node';
import { alpacaBroker, intent, KEY_ID, SECRET_KEY, startStub } from '../../contract/alpaca/alpaca-fixture';
import type { AlpacaStub } from '../../contract/alpaca/alpaca-stub';
import { fetchHttpPort } from '../../contract/harness/fetch-http-port';
import { rejection } from '../../support/rejection';
import { makeTempDir, type TempDir } from '../ledger/temp-ledger-dir';

// Positions and P&L with Positions From set to a broker: the account as the broker reports it,
// read through the node's credential and n8n's request helper (here against the Alpaca stub).

const NODE: INode = {
	id: 'n1',
	name: 'TradingView Ledger',
	type: 'tradingLedger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
	credentials: { alpacaApi: { id: 'cred-7', name: 'Alpaca paper' } },
};

function context(stub: AlpacaStub, parameters: Record<string, unknown>, secretKey = SECRET_KEY): IExecuteFunctions {
	const values: Record<string, unknown> = { resource: 'report', operation: 'positions', positionsFrom: 'alpaca', returnAll: false, limit: 50, filters: {}, options: {}, ledger: 'sqlite', ...parameters };
	return {
		getInputData: () => [{ json: {} }],
		getNodeParameter: (name: string, _index: number, fallback?: unknown) => (name in values ? values[name] : fallback),
		getNode: () => NODE,
		getCredentials: async () => ({ keyId: KEY_ID, secretKey, environment: 'paper', baseUrl: stub.baseUrl }),
		continueOnFail: () => false,
		helpers: {
			httpRequest: async (options: IHttpRequestOptions) => {
				const response = await fetchHttpPort.send({
					method: options.method as 'GET',
					url: options.url,
					headers: options.headers as Record<string, string>,
					query: options.qs as Record<string, string>,
					body: options.body,
					timeoutMs: options.timeout,
				});
				return { statusCode: response.status, headers: response.headers, body: response.body };
			},
		},
	} as unknown as IExecuteFunctions;
}

describe('TradingView Ledger: Positions From a broker', () => {
	let dir: TempDir;
	let stub: AlpacaStub;
	const previous = process.env[LEDGER_PATH_ENV];
	beforeAll(async () => {
		dir = makeTempDir();
		process.env[LEDGER_PATH_ENV] = dir.file('ledger.sqlite');
		stub = await startStub({ cash: 10_000, fillPrice: 100 });
		await alpacaBroker(stub).placeOrder(intent({ symbol: 'AAPL', quantity: 10 }));
		await alpacaBroker(stub).placeOrder(intent({ clientOrderId: 'tv-0123456789abcdef0123456789ac', symbol: 'MSFT', quantity: 2 }));
		stub.book.prices.set('AAPL', 110);
	});
	afterAll(async () => {
		await stub.close();
		await closeSharedLedgers();
		if (previous === undefined) delete process.env[LEDGER_PATH_ENV];
		else process.env[LEDGER_PATH_ENV] = previous;
		dir.remove();
	});

	it('reports the account and its positions as Alpaca does, under the account key the journal uses', async () => {
		const [items] = await new TradingLedger().execute.call(context(stub, {}));
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			account: 'alpaca:cred-7',
			broker: 'alpaca',
			source: 'broker',
			currency: 'USD',
			cash: 8800,
			equity: 10100,
			openPositions: 2,
			unrealisedPnl: 100,
		});
		expect(items[0].json.positions).toEqual([
			{ symbol: 'AAPL', quantity: 10, averagePrice: 100, markPrice: 110, unrealisedPnl: 100 },
			{ symbol: 'MSFT', quantity: 2, averagePrice: 100, markPrice: 100, unrealisedPnl: 0 },
		]);
	});

	it('keeps one symbol when the Symbol filter names it', async () => {
		const [[item]] = await new TradingLedger().execute.call(context(stub, { filters: { symbol: 'MSFT' } }));
		expect(item.json).toMatchObject({ openPositions: 1, positions: [expect.objectContaining({ symbol: 'MSFT' })] });
	});

	it('fails with the broker’s reason code when the credential is refused, and no secret in it', async () => {
		const error = await rejection(new TradingLedger().execute.call(context(stub, {}, 'wrong-secret-for-the-stub')));
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).description).toMatch(/^Reason code: authentication_failed/);
		expect(JSON.stringify(error)).not.toContain('wrong-secret-for-the-stub');
	});
});
