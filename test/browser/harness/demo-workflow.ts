import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface DemoSetup {
	credential: { id: string; name: string; type: string; data: Record<string, string> };
	workflow: { id: string; name: string; nodes: Array<{ name: string; type: string }> };
	/** Production webhook path of its trigger, to wait for until the workflow is live. */
	webhookPath: string;
}

const MODULE = pathToFileURL(join(__dirname, '..', '..', '..', 'scripts', 'lib', 'demo-workflow.mjs')).href;

/**
 * The credential and workflow `npm run demo` publishes (TradingView Trigger → Broker Order on
 * Paper), read from scripts/lib/demo-workflow.mjs by a child Node: Jest's module loader cannot
 * load an ES module.
 */
export function demoSetup(nodeBinary: string, token: string): DemoSetup {
	const script = `
		import { DEMO_WEBHOOK_ID, demoCredential, demoWorkflow } from ${JSON.stringify(MODULE)};
		const credential = demoCredential(process.argv[1]);
		const setup = { credential, workflow: demoWorkflow(credential), webhookPath: DEMO_WEBHOOK_ID + '/alert' };
		process.stdout.write(JSON.stringify(setup));`;
	return JSON.parse(execFileSync(nodeBinary, ['--input-type=module', '-e', script, token], { encoding: 'utf8' })) as DemoSetup;
}
