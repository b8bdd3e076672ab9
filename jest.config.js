/** Unit tests (core, nodes in-process), the end-to-end suite against a real n8n, and the browser test of its editor. */
const transform = { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] };

module.exports = {
	projects: [
		{
			displayName: 'unit',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/contract/**/*.test.ts'],
		},
		{
			displayName: 'e2e',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// Each file starts its own real n8n in beforeAll; scripts/test.mjs runs them in band.
		},
		{
			// `npm run bench` only: queue-mode bursts against a real n8n cluster (minutes, not a test).
			displayName: 'bench',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/bench/**/*.bench.ts'],
		},
		{
			displayName: 'browser',
			testEnvironment: 'node',
			transform,
			testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
		},
	],
};
