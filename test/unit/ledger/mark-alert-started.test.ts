import type { IExecuteFunctions } from 'n8n-workflow';

import { failedStartMarks, markAlertStarted } from '../../../nodes/shared/mark-started';
import { useTempSqliteLedger } from './temp-ledger-dir';

/** The little of an execution context the helper reads. */
function contextWith(warnings: string[]): IExecuteFunctions {
	return {
		getWorkflow: () => ({ id: 'wf-9', active: true }),
		getNode: () => ({ id: 'node-3' }),
		getExecutionId: () => '1234',
		logger: { warn: (message: string) => warnings.push(message) },
	} as unknown as IExecuteFunctions;
}

describe('markAlertStarted', () => {
	const temp = useTempSqliteLedger();

	it('marks the alert started, naming the node, workflow, node id and execution', async () => {
		const warnings: string[] = [];

		await markAlertStarted(contextWith(warnings), temp.ledger(), 'sig-1', 'Risk Check');

		expect(await temp.ledger().signals.startOf('sig-1')).toEqual({
			alertId: 'sig-1',
			startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
			startedBy: 'Risk Check wf-9/node-3 execution 1234',
		});
		expect(warnings).toEqual([]);
	});

	it.each([undefined, null, '', 42])('skips an item whose alertId is %p', async (alertId) => {
		const markStarted = jest.spyOn(temp.ledger().signals, 'markStarted');

		await markAlertStarted(contextWith([]), temp.ledger(), alertId, 'Broker Order');

		expect(markStarted).not.toHaveBeenCalled();
	});

	it('never fails the item when the ledger cannot write the mark: it warns and counts', async () => {
		const warnings: string[] = [];
		jest.spyOn(temp.ledger().signals, 'markStarted').mockRejectedValue(new Error('database is locked'));
		const before = failedStartMarks();

		await expect(markAlertStarted(contextWith(warnings), temp.ledger(), 'sig-2', 'Broker Order')).resolves.toBeUndefined();

		expect(failedStartMarks()).toBe(before + 1);
		expect(warnings).toEqual(['Could not mark alert sig-2 as started: database is locked']);
	});

	it('never fails the item when the context itself throws', async () => {
		const context = { ...contextWith([]), getExecutionId: () => { throw new Error('no execution'); }, logger: undefined } as unknown as IExecuteFunctions;
		const before = failedStartMarks();

		await expect(markAlertStarted(context, temp.ledger(), 'sig-3', 'Risk Check')).resolves.toBeUndefined();

		expect(failedStartMarks()).toBe(before + 1);
		expect(await temp.ledger().signals.startOf('sig-3')).toBeNull();
	});
});
