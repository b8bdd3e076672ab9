import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

import { LocalN8n } from '../../../scripts/lib/local-n8n.cjs';
import type { E2eEnvironment } from './e2e-environment';

export const PACKAGE_NAME = 'n8n-nodes-tradingview-autotrade';

/** A real n8n in a throw-away user folder under the e2e work folder. */
export class N8nInstance extends LocalN8n {
	constructor(
		private readonly e2e: E2eEnvironment,
		name: string,
	) {
		mkdirSync(e2e.workDir, { recursive: true });
		super({
			nodeBinary: e2e.nodeBinary,
			n8nBinary: e2e.n8nBinary,
			userFolder: mkdtempSync(join(e2e.workDir, `${name}-`)),
			encryptionKey: 'e2e-encryption-key-not-a-secret-0123456789',
		});
	}

	async installPackage(): Promise<void> {
		await super.installPackage(this.e2e.packageTarball);
	}
}
