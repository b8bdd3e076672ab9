/*
 * Lets Jest load ccxt. ccxt's CommonJS build requires a few ESM-only packages (@noble/hashes,
 * @noble/curves, @scure/*), which Node (>= 22.12) loads through require(esm) but Jest 29's module
 * registry cannot. Each is mocked with the module as Node itself loads it, outside Jest's
 * registry; ccxt's own files still load through Jest (so require.cache shows when ccxt is loaded).
 * Import this first in every test file that creates a ccxt broker.
 */

type NodeModuleApi = { createRequire(path: string): NodeJS.Require };

const nativeRequire = (process as unknown as { getBuiltinModule(name: string): NodeModuleApi }).getBuiltinModule('node:module').createRequire(__filename);

export const CCXT_ESM_DEPENDENCIES = [
	'@noble/hashes/sha2.js',
	'@noble/hashes/sha3.js',
	'@noble/hashes/legacy.js',
	'@noble/hashes/hmac.js',
	'@noble/hashes/utils.js',
	'@noble/curves/secp256k1.js',
	'@noble/curves/ed25519.js',
	'@noble/curves/nist.js',
	'@noble/curves/utils.js',
	'@noble/curves/abstract/poseidon.js',
	'@scure/base',
	'@scure/starknet',
] as const;

for (const name of CCXT_ESM_DEPENDENCIES) jest.mock(name, () => nativeRequire(name));
