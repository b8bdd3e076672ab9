// `npm run demo`: builds and packs this package, installs it into a local n8n (cached after the
// first run), publishes the "Paper trading" example and prints how to fire an alert at it.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { DEMO_WEBHOOK_ID, demoCredential, demoWorkflow } from './lib/demo-workflow.mjs';
import localN8n from './lib/local-n8n.cjs';
import { buildAndPack, sourceDigest } from './lib/pack.mjs';
import { ensureN8n, ensureNode24, node24Env } from './lib/runtime.mjs';

const root = resolve(new URL('.', import.meta.url).pathname, '..');
const port = Number(process.env.DEMO_PORT ?? 5678);
const demoDir = join(root, '.demo');
const userFolder = join(demoDir, 'n8n');
const owner = { email: 'demo@example.com', firstName: 'Demo', lastName: 'Trader', password: 'Demo-trader-1' };

const say = (text) => process.stdout.write(`${text}\n`);

const nodeBinary = ensureNode24();
const n8nBinary = ensureN8n(nodeBinary);

// A second run with the same sources reuses the installed package, the imported workflow and
// the token, and only starts n8n.
const stateFile = join(demoDir, 'state.json');
const digest = sourceDigest(root, ['core', 'nodes', 'credentials', 'icons', 'package.json', 'examples/paper-trading.json', 'scripts/lib/demo-workflow.mjs']);
const previous = existsSync(stateFile) ? JSON.parse(readFileSync(stateFile, 'utf8')) : null;
const reuse = previous?.digest === digest && existsSync(join(userFolder, '.n8n', 'database.sqlite'));
const token = reuse ? previous.token : `demo-${randomBytes(12).toString('hex')}`;

const n8n = new localN8n.LocalN8n({
	nodeBinary,
	n8nBinary,
	userFolder,
	port,
	encryptionKey: 'demo-only-encryption-key-change-me',
	env: { N8N_LOG_LEVEL: 'warn' },
});
if (reuse) {
	say(`Reusing the demo n8n in ${userFolder} (sources unchanged since the last run).`);
} else {
	say('Building and packing the package...');
	const tarball = buildAndPack(root, demoDir, node24Env(nodeBinary));
	rmSync(userFolder, { recursive: true, force: true });
	rmSync(stateFile, { force: true });
	say(`Installing it into the demo n8n user folder ${userFolder} ...`);
	await n8n.installPackage(tarball);
	const credential = demoCredential(token);
	say('Importing and publishing the "Paper trading" example...');
	await n8n.importCredentials([credential]);
	await n8n.importAndPublish([demoWorkflow(credential)]);
	writeFileSync(stateFile, JSON.stringify({ digest, token }));
}

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	say('\nStopping n8n...');
	await n8n.stop();
	say('n8n stopped.');
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

say(`Starting n8n on http://localhost:${port} (log: ${n8n.logFile}) ...`);
await n8n.start();
await n8n.waitForWebhook(`${DEMO_WEBHOOK_ID}/alert`);
n8n.child.on('exit', (code) => {
	if (stopping) return;
	say(`n8n exited unexpectedly (code ${code}); see ${n8n.logFile}`);
	process.exit(1);
});
// The owner exists already on a reused n8n; setting it up again is refused and harmless.
await n8n.setUpOwner(owner);

const webhookUrl = `http://localhost:${port}/webhook/${DEMO_WEBHOOK_ID}/alert`;
// A new alert id each run, so the sample is new to the duplicate check; sent twice, it is a duplicate.
const sample = JSON.stringify({ token, id: `demo-${randomBytes(4).toString('hex')}`, action: 'buy', symbol: 'NASDAQ:AAPL', qty: 10, price: 189.5 });
say(`
n8n is running with the "Paper trading" example live:
TradingView Trigger → Risk Check → Broker Order (Paper).

  Editor:       http://localhost:${port}/   (sign in as ${owner.email} / ${owner.password})
  Webhook URL:  ${webhookUrl}
  Token:        ${token}

Fire a sample alert:

curl -sS -X POST -H 'Content-Type: text/plain' --data '${sample}' ${webhookUrl}

The alert passes Risk Check and is filled on the paper account "demo"; see it under Executions
in the editor, or:

sqlite3 ${n8n.ledgerPath} "SELECT symbol, side, quantity, status, average_fill_price FROM paper_order"

Press Ctrl-C to stop.`);
