import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

// Separate Node processes racing on one ledger. Each loads the real .ts sources, transpiled on
// require with the project's own TypeScript (no build step), reads its input from
// LEDGER_CHILD_INPUT, prints "ready", waits until `input.goFile` exists, does its work and prints
// its results as the last line of JSON.

/** The start every child script shares: `fs`, `input` and the .ts require hook. */
export const CHILD_PRELUDE = `
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
`;

function startChild<T>(script: string, input: Record<string, unknown>): { ready: Promise<void>; done: Promise<T[]> } {
	const child = spawn(process.execPath, ['-e', CHILD_PRELUDE + script], {
		env: { ...process.env, LEDGER_CHILD_INPUT: JSON.stringify({ ...input, typescriptPath: require.resolve('typescript') }) },
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
	const done = new Promise<T[]>((resolve, reject) => {
		child.on('close', (code) => {
			markReady();
			if (code !== 0) {
				reject(new Error(`child ${String(input.child)} exited with ${code}: ${stderr}`));
				return;
			}
			const lines = stdout.trim().split('\n');
			resolve(JSON.parse(lines[lines.length - 1]) as T[]);
		});
	});
	return { ready, done };
}

/** Starts one child per input, lets them all go at once when every one is ready; every result. */
export async function runChildrenAtOnce<T>(script: string, inputs: Array<Record<string, unknown>>, goFile: string): Promise<T[]> {
	const children = inputs.map((input) => startChild<T>(script, { ...input, goFile }));
	await Promise.all(children.map(async (child) => await child.ready));
	writeFileSync(goFile, 'go');
	return (await Promise.all(children.map(async (child) => await child.done))).flat();
}
