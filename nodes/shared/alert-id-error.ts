import type { IExecuteFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

// A failed item's error names the alert it carried, so an Error Workflow (n8n's Error Trigger
// hands it execution.error with its description and context) can say which alert was lost.

/** The item's alert id: the node's Alert ID parameter where it has one, else the item's `alertId`. */
export function alertIdOfItem(context: IExecuteFunctions, itemIndex: number): string | null {
	let value: unknown = null;
	try {
		value = context.getNodeParameter('alertId', itemIndex, null);
	} catch {
		// An expression that fails here failed the item already; the item's own field still counts.
	}
	if (typeof value !== 'string' || value === '') value = context.getInputData()[itemIndex]?.json.alertId;
	return typeof value === 'string' && value !== '' ? value : null;
}

/** Adds "Alert ID: <id>" to the error's description and `alertId` to its context (both reach the Error Trigger). */
export function withAlertId<E extends NodeOperationError | NodeApiError>(error: E, alertId: string | null): E {
	if (alertId === null) return error;
	error.context.alertId = alertId;
	const note = `Alert ID: ${alertId}`;
	if (!error.description?.includes(note)) error.description = error.description ? `${error.description}. ${note}` : note;
	return error;
}
