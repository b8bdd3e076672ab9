import type { Ledger } from '../../core/ledger/ledger';
import { openPostgresLedger } from '../../core/ledger/open-postgres-ledger';
import { PostgresTestServer } from '../support/postgres-server';
import { e2eEnvironment } from './harness/e2e-environment';
import { N8nInstance } from './harness/n8n-instance';
import { type ExecutionRecord, readExecutions } from './harness/n8n-executions';
import { sendAlert } from './harness/send-alert';
import { riskWorkflow } from './fixtures/risk-workflows';
import { CREDENTIAL, TOKEN, webhookPath, webhookUrl } from './fixtures/trigger-workflows';

// Two n8n processes (as in queue mode) with one workflow, all state in one PostgreSQL ledger:
// the duplicate check, the order counters and the paper account hold across both.

jest.setTimeout(300_000);

const environment = e2eEnvironment();
const first = new N8nInstance(environment, 'pg-a');
const second = new N8nInstance(environment, 'pg-b');
let server: PostgresTestServer;
let ledger: Ledger;
let workflow: ReturnType<typeof riskWorkflow>;

beforeAll(async () => {
	server = await PostgresTestServer.create();
	const database = await server.createDatabase('e2e');
	const config = server.config(database);
	const postgresCredential = {
		id: 'tvE2ePostgres001',
		name: 'Ledger database',
		type: 'postgres',
		data: { host: config.host, port: config.port, database, user: config.user, password: config.password, ssl: 'disable', allowUnauthorizedCerts: false },
	};
	workflow = riskWorkflow({
		id: 'tvE2eRiskPgFlow1',
		webhookId: '9e4a7586-b1c2-4d34-8e56-a7b8c9d0eb04',
		riskParameters: { rules: { maxOrdersPerDay: 5, dayTimeZone: 'UTC' } },
		postgresCredential: { id: postgresCredential.id, name: postgresCredential.name },
	});
	for (const n8n of [first, second]) {
		await n8n.installPackage();
		await n8n.importCredentials([CREDENTIAL, postgresCredential]);
		await n8n.importAndPublish([workflow]);
	}
	await Promise.all([first.start(), second.start()]);
	await first.waitForWebhook(webhookPath(workflow));
	await second.waitForWebhook(webhookPath(workflow));
	ledger = await openPostgresLedger(config);
});

afterAll(async () => {
	await ledger?.close();
	await Promise.all([first.stop(), second.stop()]);
	await server?.remove();
});

async function executionsOnBoth(count: number): Promise<ExecutionRecord[]> {
	const deadline = Date.now() + 240_000;
	let all: ExecutionRecord[] = [];
	while (Date.now() < deadline) {
		all = [...readExecutions(first.n8nDatabase, workflow.id), ...readExecutions(second.n8nDatabase, workflow.id)];
		if (all.length >= count && all.every((execution) => execution.status !== 'running' && execution.status !== 'new')) break;
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return all;
}

describe('two n8n processes sharing a PostgreSQL ledger', () => {
	it('one alert delivered to both is accepted once', async () => {
		const body = JSON.stringify({ token: TOKEN, id: 'pg-dedupe-1', action: 'exit', symbol: 'AAPL', price: 100 });
		const answers = await Promise.all([sendAlert(webhookUrl(first.baseUrl, workflow), body), sendAlert(webhookUrl(second.baseUrl, workflow), body)]);
		expect(answers.map((answer) => answer.body.status).sort()).toEqual(['accepted', 'duplicate']);
		const signals = await ledger.signals.listSignals({ alertId: 'pg-dedupe-1' });
		expect(signals.map((signal) => signal.outcome).sort()).toEqual(['accepted', 'duplicate']);
	});

	it('a burst of 40 alerts split over both against "max 5 per day" places exactly 5 paper orders', async () => {
		const sends = Array.from({ length: 40 }, (_, index) => {
			const body = JSON.stringify({ token: TOKEN, id: `pg-burst-${index}`, action: 'buy', symbol: `SYM${index % 4}`, qty: 1, price: 10 });
			return sendAlert(webhookUrl(index % 2 === 0 ? first.baseUrl : second.baseUrl, workflow), body);
		});
		expect((await Promise.all(sends)).every((answer) => answer.body.status === 'accepted')).toBe(true);

		// The exit of the first test ran on whichever process accepted it: 41 executions in all.
		const executions = await executionsOnBoth(41);
		expect(executions).toHaveLength(41);
		const ordered = executions.filter((execution) => execution.outputs.Ordered);
		const rejected = executions.filter((execution) => execution.outputs['Rejected by risk']);
		// 5 entries plus the exit from the first test, which passed without counting.
		expect(ordered).toHaveLength(6);
		expect(rejected).toHaveLength(35);
		expect(ordered.filter((execution) => execution.outputs.Ordered[0][0].status === 'filled')).toHaveLength(5);

		const reservations = await ledger.risk.listReservations({ book: `${workflow.id}/${workflow.id}-risk` });
		expect(reservations.map((reservation) => reservation.status)).toEqual(Array(5).fill('confirmed'));
		const positions = await ledger.paper.run(workflow.id, { startingCash: 100000, currency: 'USD' }, (book) => book.listPositions());
		expect(positions.reduce((sum, position) => sum + position.quantity, 0)).toBe(5);
	});
});
