import type { BrokerErrorDetails } from '../broker-errors';

/** The details every BrokerError carries: the broker, and its code and HTTP status where known. */
export function errorDetails(broker: string, answer: { httpStatus?: number; brokerCode?: string | number } = {}): BrokerErrorDetails {
	const details: BrokerErrorDetails = { broker };
	if (answer.brokerCode !== undefined && answer.brokerCode !== '') details.brokerCode = answer.brokerCode;
	if (answer.httpStatus !== undefined) details.httpStatus = answer.httpStatus;
	return details;
}
