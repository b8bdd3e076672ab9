import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

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
		files: ['package.json'],
		rules: {
			// This package targets self-hosted n8n, not n8n Cloud verification: it needs zod for
			// input validation (the same 3.25 line n8n itself uses) and, later, pg and ccxt.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
