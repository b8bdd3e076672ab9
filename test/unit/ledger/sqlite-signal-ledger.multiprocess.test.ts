import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { runChildrenAtOnce } from '../../support/ledger-children';
import { makeTempDir, type TempDir } from './temp-ledger-dir';

// The children open the same file, wait at the barrier, then race to admit the same alertIds.
const CHILD_SCRIPT = `
const { SqliteSignalLedger } = require(input.ledgerModule);

(async () => {
	const ledger = new SqliteSignalLedger(input.dbPath);
	process.stdout.write('ready\\n');
	while (!fs.existsSync(input.goFile)) {}
	const results = [];
	const admit = async (alertId) => {
		const outcome = await ledger.admitSignal(
			{ receivedAt: new Date(input.receivedAtMs), scope: input.scope, sourceIp: '127.0.0.' + input.child, alertId, body: 'child ' + input.child },
			input.windowMs,
		);
		results.push({ alertId, outcome });
	};
	for (let round = 0; round < input.hotRounds; round++) await admit('hot');
	for (let index = 0; index < input.alertCount; index++) {
		await admit('alert-' + ((index + input.child * 13) % input.alertCount));
	}
	await ledger.close();
	process.stdout.write(JSON.stringify(results) + '\\n');
})().catch((error) => {
	process.stderr.write(String(error && error.stack || error));
	process.exit(1);
});
`;

interface ChildResult {
	alertId: string;
	outcome: string;
}

const CHILDREN = 4;
const HOT_ROUNDS = 25;
const ALERT_COUNT = 50;
const RECEIVED_AT_MS = Date.parse('2024-03-01T12:00:00.000Z');

function childInput(child: number, dbPath: string): Record<string, unknown> {
	return {
		child,
		dbPath,
		ledgerModule: join(__dirname, '../../../core/ledger/sqlite/sqlite-signal-ledger.ts'),
		scope: 'wf-1/node-1',
		receivedAtMs: RECEIVED_AT_MS,
		windowMs: 10 * 60_000,
		hotRounds: HOT_ROUNDS,
		alertCount: ALERT_COUNT,
	};
}

describe('SqliteSignalLedger across processes', () => {
	let dir: TempDir;

	beforeEach(() => {
		dir = makeTempDir();
	});

	afterEach(() => {
		dir.remove();
	});

	it('4 processes racing on one file accept each alertId exactly once', async () => {
		const dbPath = dir.file('ledger.sqlite');
		const inputs = Array.from({ length: CHILDREN }, (_, child) => childInput(child, dbPath));
		const results = await runChildrenAtOnce<ChildResult>(CHILD_SCRIPT, inputs, dir.file('go'));

		const accepted = new Map<string, number>();
		const outcomes: Record<string, number> = {};
		for (const { alertId, outcome } of results) {
			outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
			if (outcome === 'accepted') accepted.set(alertId, (accepted.get(alertId) ?? 0) + 1);
		}
		expect(results).toHaveLength(CHILDREN * (HOT_ROUNDS + ALERT_COUNT));
		expect(accepted.get('hot')).toBe(1);
		expect(accepted.size).toBe(ALERT_COUNT + 1);
		expect([...new Set(accepted.values())]).toEqual([1]);
		expect(outcomes).toEqual({
			accepted: ALERT_COUNT + 1,
			duplicate: CHILDREN * (HOT_ROUNDS + ALERT_COUNT) - (ALERT_COUNT + 1),
		});

		// The file agrees with what the children were told.
		const db = new DatabaseSync(dbPath, { readOnly: true });
		try {
			expect({ ...db.prepare('SELECT COUNT(*) AS n FROM signal_log').get() }).toEqual({
				n: CHILDREN * (HOT_ROUNDS + ALERT_COUNT),
			});
			expect({
				...db.prepare("SELECT COUNT(*) AS n FROM signal_log WHERE outcome = 'accepted'").get(),
			}).toEqual({ n: ALERT_COUNT + 1 });
			expect({ ...db.prepare('SELECT COUNT(*) AS n FROM signal_claim').get() }).toEqual({ n: ALERT_COUNT + 1 });
		} finally {
			db.close();
		}
	}, 60_000);
});
