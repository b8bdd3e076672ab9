import { join } from 'node:path';

import type { OrderClaimResult } from '../../../../core/ledger/order-claims';
import { runChildrenAtOnce } from '../../../support/ledger-children';
import { makeTempDir } from '../temp-ledger-dir';
import type { LedgerSpec } from './backends';

// Each child opens the shared store, waits at the barrier, then fires all its claims of one id at once.
const CHILD_SCRIPT = `
async function open() {
	if (input.spec.kind === 'sqlite') return require(input.sqliteModule).openSqliteLedger(input.spec.path);
	return await require(input.postgresModule).openPostgresLedger(input.spec.config);
}

(async () => {
	const ledger = await open();
	// Opens the pool's connections now, so that the race starts on all of them at once.
	await Promise.all(Array.from({ length: 10 }, () => ledger.orders.getClaim('warm-up')));
	process.stdout.write('ready\\n');
	while (!fs.existsSync(input.goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
	const results = await Promise.all(
		Array.from({ length: input.calls }, (_, index) =>
			ledger.orders.claim({
				clientOrderId: input.clientOrderId,
				scope: 'wf/node',
				broker: 'binance',
				alertId: 'a-1',
				owner: 'child-' + input.child + '-' + index,
				at: new Date(input.atMs),
			}),
		),
	);
	await ledger.close();
	process.stdout.write(JSON.stringify(results) + '\\n');
})().catch((error) => {
	process.stderr.write(String((error && error.stack) || error));
	process.exit(1);
});
`;

/** Claims one client order id from `children` processes, `callsPerChild` at once in each; every result. */
export async function claimFromChildren(
	spec: LedgerSpec,
	plan: { children: number; callsPerChild: number; clientOrderId: string; atMs: number },
): Promise<OrderClaimResult[]> {
	const dir = makeTempDir('tv-claim-children-');
	try {
		const inputs = Array.from({ length: plan.children }, (_, child) => ({
			child,
			spec,
			calls: plan.callsPerChild,
			clientOrderId: plan.clientOrderId,
			atMs: plan.atMs,
			sqliteModule: join(__dirname, '../../../../core/ledger/open-ledger.ts'),
			postgresModule: join(__dirname, '../../../../core/ledger/open-postgres-ledger.ts'),
		}));
		return await runChildrenAtOnce<OrderClaimResult>(CHILD_SCRIPT, inputs, dir.file('go'));
	} finally {
		dir.remove();
	}
}
