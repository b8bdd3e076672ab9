import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

const BROKER_ADAPTERS = [
	'./core/brokers/paper',
	'./core/brokers/alpaca',
	'./core/brokers/oanda',
	'./core/brokers/ccxt',
	'./core/brokers/binance',
	'./core/brokers/bybit',
	'./core/brokers/okx',
	'./core/brokers/tradovate',
];
const LEDGER_BACKENDS = ['./core/ledger/sqlite', './core/ledger/postgres'];
/** Binance, Bybit and OKX are venues of the ccxt adapter (its CcxtBroker with their own settings), so they build on it. */
const BUILDS_ON = {
	'./core/brokers/binance': ['./core/brokers/ccxt'],
	'./core/brokers/bybit': ['./core/brokers/ccxt'],
	'./core/brokers/okx': ['./core/brokers/ccxt'],
};

/** One zone per adapter: it may not import any of the others (but the one it builds on). */
function adaptersApart(folders) {
	return folders.map((folder) => ({
		target: folder,
		from: folders.filter((other) => other !== folder && !(BUILDS_ON[folder] ?? []).includes(other)),
		message: 'adapters never import each other: share code through the port, core/brokers/base or a module beside it',
	}));
}

// n8n's community-node rules for packages meant for self-hosted n8n (docs/design/runtime-facts.md).
export default [
	...configWithoutCloudSupport,
	{ ignores: ['dist/**', 'node_modules/**', '.e2e/**', '.demo/**', 'test/**', 'scripts/**', '*.js', '*.mjs'] },
	{
		// The domain core must stay free of n8n: nodes are thin shells around it.
		files: ['core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{ patterns: ['n8n-workflow', 'n8n-core', '**/nodes/**', '**/credentials/**'] },
			],
			// NodeApiError needs n8n, which the core must not import; the nodes wrap core errors.
			'@n8n/community-nodes/require-node-api-error': 'off',
		},
	},
	{
		// The core's dependency rule: the domain talks to the ledger and the brokers through their
		// ports (core/ledger/*.ts, core/brokers/*.ts); only the composition roots (open-ledger.ts,
		// open-postgres-ledger.ts, nodes/shared) pick a backend or a broker.
		files: ['core/**/*.ts'],
		rules: {
			'import-x/no-restricted-paths': [
				'error',
				{
					zones: [
						{
							// core/reports is left out on purpose: its P&L replays reuse the Paper fill math (paper-engine.ts).
							target: ['./core/signal', './core/intake', './core/risk', './core/order', './core/reconcile', './core/recovery'],
							from: ['./core/ledger/sqlite', './core/ledger/postgres', ...BROKER_ADAPTERS],
							message: 'use the ledger and broker ports (core/ledger/*.ts, core/brokers/*.ts), not a backend or an adapter',
						},
						...adaptersApart(BROKER_ADAPTERS),
						...adaptersApart(LEDGER_BACKENDS),
						{
							target: './core/ledger',
							from: BROKER_ADAPTERS,
							message: 'the ledger keeps what a broker stores through a port in core/ledger, not by importing the broker',
						},
					],
				},
			],
		},
	},
	{
		files: ['package.json'],
		rules: {
			// This package targets self-hosted n8n, not n8n Cloud verification: it needs zod for
			// input validation (the same 3.25 line n8n itself uses) and, later, pg and ccxt.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
