import { DatabaseSync } from 'node:sqlite';
import { parse as unflatten } from 'flatted';

export interface ExecutionRecord {
	id: number;
	workflowId: string;
	status: string;
	mode: string;
	/** Items per output of each node's first run, read from the stored execution data. */
	outputs: Record<string, Array<Array<Record<string, unknown>>>>;
	/** The error message of each node whose first run failed. */
	errors: Record<string, string>;
}

interface RunData {
	resultData?: { runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>> };
}

/** The executions n8n stored, read from its own database (the same rows its editor shows). */
export function readExecutions(n8nDatabase: string, workflowId: string): ExecutionRecord[] {
	const db = new DatabaseSync(n8nDatabase, { readOnly: true });
	try {
		db.exec('PRAGMA busy_timeout = 5000');
		const rows = db
			.prepare(
				`SELECT e.id AS id, e.workflowId AS workflowId, e.status AS status, e.mode AS mode, d.data AS data
				FROM execution_entity e LEFT JOIN execution_data d ON d.executionId = e.id
				WHERE e.workflowId = ? ORDER BY e.id`,
			)
			.all(workflowId) as Array<{ id: number; workflowId: string; status: string; mode: string; data: string | null }>;
		return rows.map((row) => {
			const outputs: ExecutionRecord['outputs'] = {};
			const errors: ExecutionRecord['errors'] = {};
			const runData = row.data ? (unflatten(row.data) as RunData).resultData?.runData ?? {} : {};
			for (const [nodeName, runs] of Object.entries(runData)) {
				outputs[nodeName] = (runs[0]?.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json));
				if (runs[0]?.error) errors[nodeName] = runs[0].error.message ?? 'error';
			}
			return { id: Number(row.id), workflowId: row.workflowId, status: row.status, mode: row.mode, outputs, errors };
		});
	} finally {
		db.close();
	}
}

/** Waits until the workflow has `count` finished executions and no more arrive for a moment. */
export async function waitForExecutions(
	n8nDatabase: string,
	workflowId: string,
	count: number,
	timeoutMs = 30_000,
): Promise<ExecutionRecord[]> {
	const deadline = Date.now() + timeoutMs;
	let executions = readExecutions(n8nDatabase, workflowId);
	while (Date.now() < deadline) {
		executions = readExecutions(n8nDatabase, workflowId);
		const finished = executions.filter((execution) => execution.status !== 'running' && execution.status !== 'new');
		if (finished.length >= count && finished.length === executions.length) {
			await new Promise((resolve) => setTimeout(resolve, 1_000));
			const settled = readExecutions(n8nDatabase, workflowId);
			if (settled.length === executions.length) return settled;
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return executions;
}
