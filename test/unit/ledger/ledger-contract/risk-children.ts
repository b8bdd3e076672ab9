import { join } from 'node:path';

import type { CounterLimit, ReserveResult } from '../../../../core/ledger/risk-store';
import { runChildrenAtOnce } from '../../../support/ledger-children';
import { makeTempDir } from '../temp-ledger-dir';
import type { LedgerSpec } from './backends';

// Each child opens the shared store, waits at the barrier, then fires all its reservations at once.
const CHILD_SCRIPT = `
async function open() {
	if (input.spec.kind === 'sqlite') return require(input.sqliteModule).openSqliteLedger(input.spec.path);
	return await require(input.postgresModule).openPostgresLedger(input.spec.config);
}

(async () => {
	const ledger = await open();
	// Opens the pool's connections now, so that the race starts on all of them at once.
	await Promise.all(Array.from({ length: 20 }, () => ledger.risk.getKillSwitch('warm-up')));
	process.stdout.write('ready\\n');
	while (!fs.existsSync(input.goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
	const results = await Promise.all(
		Array.from({ length: input.calls }, (_, index) =>
			ledger.risk.reserve({
				book: input.book,
				symbol: 'AAPL',
				alertId: 'child-' + input.child + '-' + index,
				at: new Date(input.atMs),
				expiresAt: new Date(input.atMs + 300000),
				limits: [input.limit],
				killSwitch: null,
				detail: { child: input.child, index },
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

export interface ChildReservations {
	children: number;
	callsPerChild: number;
	book: string;
	atMs: number;
	limit: CounterLimit;
}

/** Runs the reservations in separate processes, all released at once; returns every result. */
export async function reserveFromChildren(spec: LedgerSpec, plan: ChildReservations): Promise<ReserveResult[]> {
	const dir = makeTempDir('tv-risk-children-');
	try {
		const inputs = Array.from({ length: plan.children }, (_, child) => ({
			child,
			spec,
			calls: plan.callsPerChild,
			book: plan.book,
			atMs: plan.atMs,
			limit: plan.limit,
			sqliteModule: join(__dirname, '../../../../core/ledger/open-ledger.ts'),
			postgresModule: join(__dirname, '../../../../core/ledger/open-postgres-ledger.ts'),
		}));
		return await runChildrenAtOnce<ReserveResult>(CHILD_SCRIPT, inputs, dir.file('go'));
	} finally {
		dir.remove();
	}
}
