import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

import { e2eEnvironment } from './harness/e2e-environment';
import { exampleWebhookPath, exampleWebhookUrl, loadExample } from './harness/example-workflow';
import { ledgerQueryOn } from './harness/ledger-query';
import { waitForExecutions } from './harness/n8n-executions';
import { N8nInstance, PACKAGE_NAME } from './harness/n8n-instance';
import { sendAlert } from './harness/send-alert';
import { docBlocks, type Fill, markedMessage, renderMessage, tradingViewPost } from './fixtures/readme-messages';
import { CREDENTIAL, TOKEN } from './fixtures/trigger-workflows';

// docs/install.md, section 2, as a user follows it: its install commands, read from the page and
// run with sh in a fresh n8n user folder (HOME points there, so `~` is that folder), with the
// tarball `npm test` packed; then n8n 2.41.1 starts on that folder, with the Paper trading example
// imported, and gets the README walkthrough's strategy message as TradingView sends it at an
// entry (rendered by fixtures/readme-messages.ts) → a paper fill in the ledger. Also the Docker
// image's start-up step (deploy/entrypoint.sh), run outside Docker against another fresh folder.

jest.setTimeout(300_000);

const ROOT = join(__dirname, '..', '..');
const e2e = e2eEnvironment();
const n8n = new N8nInstance(e2e, 'install-from-tarball');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const DOCUMENTED_TARBALL = `/path/to/${PACKAGE_NAME}-${version}.tgz`;
const paper = loadExample('paper-trading.json', {
	id: 'tvE2eInstallPapr',
	credentials: { 'TradingView Trigger': { tradingViewWebhookApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } } },
});

/** The commands of the block docs/install.md marks as the install steps. */
function documentedInstallSteps(): string {
	const page = readFileSync(join(ROOT, 'docs', 'install.md'), 'utf8');
	const marker = page.indexOf('<!-- install-steps:');
	if (marker === -1) throw new Error('docs/install.md lost its install-steps marker');
	const block = /```sh\n([\s\S]*?)```/.exec(page.slice(marker));
	if (!block) throw new Error('no sh block after the install-steps marker in docs/install.md');
	return block[1];
}

/** n8n's environment for a shell in `home`, with the user's npm cache and settings kept. */
function shellEnv(home: string): NodeJS.ProcessEnv {
	return {
		...n8n.env(),
		HOME: home,
		npm_config_cache: join(homedir(), '.npm'),
		npm_config_userconfig: join(homedir(), '.npmrc'),
	};
}

function installedVersion(userFolder: string): string {
	const manifest = join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME, 'package.json');
	return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

describe('docs/install.md, section 2: npm install of the tarball into a fresh user folder', () => {
	let cookie = '';

	beforeAll(async () => {
		const steps = documentedInstallSteps();
		expect(steps).toContain(DOCUMENTED_TARBALL);
		execFileSync('sh', ['-e', '-c', steps.split(DOCUMENTED_TARBALL).join(e2e.packageTarball)], {
			cwd: n8n.userFolder,
			env: shellEnv(n8n.userFolder),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		await n8n.importCredentials([CREDENTIAL]);
		await n8n.importAndPublish([paper]);
		await n8n.start();
		await n8n.waitForWebhook(exampleWebhookPath(paper, 'TradingView Trigger'));
		const owner = await n8n.setUpOwner({ email: 'owner@example.com', firstName: 'Trader', lastName: 'One', password: 'Install-e2e-1' });
		expect(owner.status).toBe(200);
		cookie = owner.cookie;
	});

	afterAll(async () => {
		await n8n.stop();
	});

	it('installs the package where n8n looks, recorded in the folder\'s package.json', () => {
		expect(installedVersion(n8n.userFolder)).toBe(version);
		const nodesManifest = JSON.parse(readFileSync(join(n8n.userFolder, '.n8n', 'nodes', 'package.json'), 'utf8')) as {
			dependencies: Record<string, string>;
		};
		const spec = nodesManifest.dependencies[PACKAGE_NAME];
		expect(spec).toMatch(/^file:.+\.tgz$/);
		expect(resolve(join(n8n.userFolder, '.n8n', 'nodes'), spec.slice('file:'.length))).toBe(resolve(e2e.packageTarball));
	});

	it('n8n lists the package\'s nodes and credentials', async () => {
		const nodes = (await (await fetch(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie } })).json()) as Array<{ name: string }>;
		expect(nodes.map((node) => node.name)).toEqual(
			expect.arrayContaining([`${PACKAGE_NAME}.tradingViewTrigger`, `${PACKAGE_NAME}.riskCheck`, `${PACKAGE_NAME}.brokerOrder`]),
		);
		const credentials = (await (await fetch(`${n8n.baseUrl}/types/credentials.json`, { headers: { cookie } })).json()) as Array<{ name: string }>;
		expect(credentials.map((credential) => credential.name)).toEqual(
			expect.arrayContaining(['tradingViewWebhookApi', 'alpacaApi', 'oandaApi', 'binanceApi', 'cryptoExchangeApi']),
		);
	});

	it('runs the imported Paper trading example from the README\'s strategy message, as TradingView sends it at an entry, to a paper fill', async () => {
		// README, "The Pine strategy": its strategy enters with strategy.entry("Long", strategy.long) and
		// default_qty_value contracts; "The alert": the message the user pastes into TradingView's Message box.
		const strategy = docBlocks().find((block) => block.file === 'README.md' && block.marker === 'pine: readme-ema-cross');
		expect(strategy?.body).toMatch(/strategy\.entry\("Long", strategy\.long\)/);
		const contracts = Number(/default_qty_value\s*=\s*(\d+)/.exec(strategy?.body ?? '')?.[1]);
		expect(contracts).toBeGreaterThan(0);
		const message = markedMessage('strategy-template');
		expect(message.fits).toContain('paper-trading');
		// The README's chart, NASDAQ:AAPL; the "Long" entry fills at the bar's close, from flat.
		const market = { ticker: 'AAPL', exchange: 'NASDAQ', close: 191.37, unit: 1 };
		const fill: Fill = { action: 'buy', contracts, after: ['long', contracts], before: ['flat', 0], id: 'Long' };
		const post = tradingViewPost(renderMessage(message, market, { fill }, Date.now()), TOKEN);
		expect(post).toMatchObject({ contentType: 'application/json', tokenInUrl: false });
		const sent = JSON.parse(post.body) as { token: string; ticker: string; exchange: string; strategy: { order: Record<string, string>; position_size: string } };
		expect(sent).toMatchObject({
			token: TOKEN,
			ticker: 'AAPL',
			exchange: 'NASDAQ',
			strategy: { order: { action: 'buy', contracts: String(contracts), price: '191.37', id: 'Long' }, position_size: String(contracts) },
		});
		const symbol = sent.ticker;
		const side = sent.strategy.order.action;
		const quantity = Number(sent.strategy.order.contracts);
		const price = Number(sent.strategy.order.price);

		const answer = await sendAlert(exampleWebhookUrl(n8n.baseUrl, paper, 'TradingView Trigger'), post.body, { contentType: post.contentType });
		expect(answer).toMatchObject({ status: 200, body: { status: 'accepted' } });
		const [execution] = await waitForExecutions(n8n.n8nDatabase, paper.id, 1);
		expect({ status: execution.status, errors: execution.errors, rejected: execution.outputs['Rejected by Risk Check'] }).toEqual({
			status: 'success',
			errors: {},
			rejected: undefined,
		});
		expect(execution.outputs['Broker Order'][0][0]).toMatchObject({ broker: 'paper', symbol, status: 'filled', filledQuantity: quantity });
		const ledger = ledgerQueryOn(n8n);
		const orders = ledger("SELECT symbol, side, quantity, status, filled_quantity, average_fill_price FROM paper_order WHERE account = 'demo'");
		expect(orders).toEqual([{ symbol, side, quantity, status: 'filled', filled_quantity: quantity, average_fill_price: price }]);
		const positions = ledger("SELECT symbol, quantity, average_price FROM paper_position WHERE account = 'demo'");
		expect(positions).toEqual([{ symbol, quantity, average_price: price }]);
	});
});

describe('deploy/entrypoint.sh, the Docker image\'s start-up step, outside Docker', () => {
	const home = mkdtempSync(join(e2e.workDir, 'docker-home-'));
	const nodes = join(home, '.n8n', 'nodes');
	// As in n8n's image: no N8N_USER_FOLDER, the user folder is HOME.
	const { N8N_USER_FOLDER: _unset, ...env } = shellEnv(home);
	const run = (): string =>
		execFileSync('sh', [join(ROOT, 'deploy', 'entrypoint.sh'), 'start', '--tunnel-off'], {
			env: { ...env, TVAT_PACKAGE_TARBALL: e2e.packageTarball, TVAT_NEXT_ENTRYPOINT: 'echo' },
			encoding: 'utf8',
		});

	it('installs the image\'s tarball into an empty volume, then hands over with the arguments', () => {
		const output = run();
		expect(output).toContain(`tradingview-autotrade: installing ${e2e.packageTarball.split('/').pop()} into ${nodes}`);
		expect(output.trim().split('\n').pop()).toBe('start --tunnel-off');
		expect(installedVersion(home)).toBe(version);
		const digest = createHash('sha256').update(readFileSync(e2e.packageTarball)).digest('hex');
		expect(readFileSync(join(nodes, '.tradingview-autotrade.sha256'), 'utf8').trim()).toBe(digest);
	});

	it('leaves a volume that already holds this build alone', () => {
		expect(existsSync(join(nodes, 'node_modules', PACKAGE_NAME))).toBe(true);
		expect(run()).toBe('start --tunnel-off\n');
	});
});
