// What scripts/test.mjs prepared for the end-to-end suite: the runtimes and the packed package.
export interface E2eEnvironment {
	nodeBinary: string;
	n8nBinary: string;
	packageTarball: string;
	workDir: string;
}

export function e2eEnvironment(): E2eEnvironment {
	const read = (name: string): string => {
		const value = process.env[name];
		if (!value) throw new Error(`${name} is not set: run the end-to-end suite through "npm test"`);
		return value;
	};
	return {
		nodeBinary: read('E2E_NODE_BINARY'),
		n8nBinary: read('E2E_N8N_BINARY'),
		packageTarball: read('E2E_PACKAGE_TARBALL'),
		workDir: read('E2E_WORK_DIR'),
	};
}
