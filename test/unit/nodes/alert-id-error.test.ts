import type { IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { alertIdOfItem, withAlertId } from '../../../nodes/shared/alert-id-error';

const node: INode = { id: 'n1', name: 'Broker Order', type: 'n8n-nodes-tradingview-autotrade.brokerOrder', typeVersion: 1, position: [0, 0], parameters: {} };

function contextWith(parameter: () => unknown, json: Record<string, unknown>): IExecuteFunctions {
	return { getNodeParameter: parameter, getInputData: () => [{ json }], getNode: () => node } as unknown as IExecuteFunctions;
}

describe('the alert id in a failed item\'s error', () => {
	it('reads the Alert ID parameter first, then the item\'s alertId, and nothing when neither is a text', () => {
		expect(alertIdOfItem(contextWith(() => 'from-parameter', { alertId: 'from-item' }), 0)).toBe('from-parameter');
		expect(alertIdOfItem(contextWith(() => null, { alertId: 'from-item' }), 0)).toBe('from-item');
		expect(
			alertIdOfItem(
				contextWith(() => {
					throw new Error('expression failed');
				}, { alertId: 'from-item' }),
				0,
			),
		).toBe('from-item');
		expect(alertIdOfItem(contextWith(() => '', { alertId: 42 }), 0)).toBeNull();
	});

	it('adds it to the description after the reason and to the context, once', () => {
		const error = new NodeApiError(node, { message: 'insufficient buying power' }, { message: 'alpaca: insufficient buying power', description: 'Reason code: insufficient_funds' });
		withAlertId(withAlertId(error, 'aapl-1'), 'aapl-1');
		expect(error.description).toBe('Reason code: insufficient_funds. Alert ID: aapl-1');
		expect(error.context.alertId).toBe('aapl-1');
		expect(error.message).toBe('alpaca: insufficient buying power');
	});

	it('gives an error without a description just the alert id, and leaves an error without an alert unchanged', () => {
		const withId = withAlertId(new NodeOperationError(node, 'quantity: missing'), 'x-1');
		expect(withId.description).toBe('Alert ID: x-1');
		const without = withAlertId(new NodeOperationError(node, 'quantity: missing'), null);
		expect(without.description).toBeUndefined();
		expect(without.context.alertId).toBeUndefined();
	});
});
