import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { makeTempDir, type TempDir } from './temp-ledger-dir';

// Each child is a separate Node process that loads the real SqliteSignalLedger source: .ts files
// are transpiled on require with the project's own TypeScript, so no build step is needed. The
// children open the same file, wait at a barrier, then race to admit the same alertIds.
const CHILD_SCRIPT = `
const fs = require('node:fs');
const input = JSON.parse(process.env.LEDGER_CHILD_INPUT);
const ts = require(input.typescriptPath);
require.extensions['.ts'] = (module, filename) => {
	const output = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
	});
	module._compile(output.outputText, filename);
};
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

interface RunningChild {
	ready: Promise<void>;
	done: Promise<ChildResult[]>;
}

const CHILDREN = 4;
const HOT_ROUNDS = 25;
const ALERT_COUNT = 50;
const RECEIVED_AT_MS = Date.parse('2024-03-01T12:00:00.000Z');

function startChild(child: number, dbPath: string, goFile: string): RunningChild {
	const input = {
		child,
		dbPath,
		goFile,
		typescriptPath: require.resolve('typescript'),
		ledgerModule: join(__dirname, '../../../core/ledger/sqlite/sqlite-signal-ledger.ts'),
		scope: 'wf-1/node-1',
		receivedAtMs: RECEIVED_AT_MS,
		windowMs: 10 * 60_000,
		hotRounds: HOT_ROUNDS,
		alertCount: ALERT_COUNT,
	};
	const processHandle = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
		env: { ...process.env, LEDGER_CHILD_INPUT: JSON.stringify(input) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let markReady: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => {
		markReady = resolve;
	});
	processHandle.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString('utf8');
		if (stdout.startsWith('ready\n')) markReady();
	});
	processHandle.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const done = new Promise<ChildResult[]>((resolve, reject) => {
		processHandle.on('close', (code) => {
			markReady();
			if (code !== 0) {
				reject(new Error(`child ${child} exited with ${code}: ${stderr}`));
				return;
			}
			const lines = stdout.trim().split('\n');
			resolve(JSON.parse(lines[lines.length - 1]) as ChildResult[]);
		});
	});
	return { ready, done };
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
		const goFile = dir.file('go');
		const children = Array.from({ length: CHILDREN }, (_, child) => startChild(child, dbPath, goFile));

		await Promise.all(children.map(async (child) => await child.ready));
		writeFileSync(goFile, 'go');
		const results = (await Promise.all(children.map(async (child) => await child.done))).flat();

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
