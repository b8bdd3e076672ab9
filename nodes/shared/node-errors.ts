import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { BrokerError } from '../../core/brokers/broker-errors';
import { rootCause } from '../../core/order/placement-errors';
import { INVALID_INPUT, type Problem } from '../../core/util/result';

/**
 * The error n8n shows for any failure of an item: a broker's error (also inside "Nothing was
 * sent" and "after placing …") as a NodeApiError with its reason code and the full message;
 * n8n's own errors as they are; anything else as a NodeOperationError.
 */
export function nodeErrorFor(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	const broker = rootCause(error);
	if (broker instanceof BrokerError) {
		const message = (error as Error).message;
		return new NodeApiError(node, { ...broker.details, code: broker.code, message } as JsonObject, {
			message: `${broker.details.broker}: ${message}`,
			description: `Reason code: ${broker.code}${broker.details.brokerCode !== undefined ? `, broker code ${broker.details.brokerCode}` : ''}`,
			httpCode: broker.details.httpStatus === undefined ? undefined : String(broker.details.httpStatus),
			itemIndex,
		});
	}
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(node, error as Error, { itemIndex });
}

/** A use case's refusal as n8n shows it: the message, then the hint or the reason code. */
export function problemError(node: INode, problem: Problem, itemIndex: number): NodeOperationError {
	const description = problem.hint ?? (problem.code === INVALID_INPUT ? undefined : `Reason code: ${problem.code}`);
	return new NodeOperationError(node, problem.message, { itemIndex, description });
}
