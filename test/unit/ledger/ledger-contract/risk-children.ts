import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { CounterLimit, ReserveResult } from '../../../../core/ledger/risk-store';
import { makeTempDir } from '../temp-ledger-dir';
import type { LedgerSpec } from './backends';

// Each child is a separate Node process that loads the real ledger source (.ts files transpiled on
// require with the project's own TypeScript, as in sqlite-signal-ledger.multiprocess.test.ts),
// opens the shared store, waits at a barrier, then fires all its reservations at once.
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
		const goFile = dir.file('go');
		const children = Array.from({ length: plan.children }, (_, child) =>
			startChild({
				child,
				spec,
				goFile,
				calls: plan.callsPerChild,
				book: plan.book,
				atMs: plan.atMs,
				limit: plan.limit,
				typescriptPath: require.resolve('typescript'),
				sqliteModule: join(__dirname, '../../../../core/ledger/open-ledger.ts'),
				postgresModule: join(__dirname, '../../../../core/ledger/open-postgres-ledger.ts'),
			}),
		);
		await Promise.all(children.map(async (child) => await child.ready));
		writeFileSync(goFile, 'go');
		return (await Promise.all(children.map(async (child) => await child.done))).flat();
	} finally {
		dir.remove();
	}
}

function startChild(input: Record<string, unknown>): { ready: Promise<void>; done: Promise<ReserveResult[]> } {
	const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
		env: { ...process.env, LEDGER_CHILD_INPUT: JSON.stringify(input) },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	let markReady: () => void = () => undefined;
	const ready = new Promise<void>((resolve) => {
		markReady = resolve;
	});
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString('utf8');
		if (stdout.startsWith('ready\n')) markReady();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString('utf8');
	});
	const done = new Promise<ReserveResult[]>((resolve, reject) => {
		child.on('close', (code) => {
			markReady();
			if (code !== 0) {
				reject(new Error(`child ${String(input.child)} exited with ${code}: ${stderr}`));
				return;
			}
			const lines = stdout.trim().split('\n');
			resolve(JSON.parse(lines[lines.length - 1]) as ReserveResult[]);
		});
	});
	return { ready, done };
}
