import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { REPORT_NAMES, type ReportName } from '../../core/reports/ledger-reports';
import { ReportFilterError } from '../../core/reports/report-error';

// The node's parameters as the core report's filter, and a wrong filter as an error that names
// the field the user sees.

const FIELD_NAMES: Record<string, string> = {
	from: 'From',
	until: 'Until',
	symbol: 'Symbol',
	account: 'Account',
	broker: 'Broker',
	outcome: 'Outcome',
	limit: 'Limit',
	cursor: 'Cursor',
};

export interface ReportRequest {
	report: ReportName;
	filter: Record<string, unknown>;
	returnAll: boolean;
	output: 'rows' | 'page';
}

/** A Luxon DateTime from an expression such as {{ $now.minus(1, 'day') }} is taken as its ISO time. */
function timeValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as { toISO(): string }).toISO();
	}
	return value;
}

export function reportRequest(context: IExecuteFunctions, itemIndex: number): ReportRequest {
	const report = context.getNodeParameter('operation', itemIndex) as ReportName;
	if (!(REPORT_NAMES as readonly string[]).includes(report)) {
		throw new NodeOperationError(context.getNode(), `Unknown report "${String(report)}"`, { itemIndex });
	}
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = report === 'health' ? {} : (context.getNodeParameter('options', itemIndex, {}) as IDataObject);
	const returnAll = report !== 'health' && (context.getNodeParameter('returnAll', itemIndex, false) as boolean);
	const outcome = filters[`outcome_${report === 'latencyByDay' ? 'latency' : report}`];
	const filter: Record<string, unknown> = {
		from: timeValue(filters.from),
		until: timeValue(filters.until),
		symbol: filters.symbol,
		account: filters.account,
		broker: filters.broker,
		outcome: outcome === '' ? undefined : outcome,
		cursor: options.cursor,
	};
	if (!returnAll && report !== 'health') filter.limit = context.getNodeParameter('limit', itemIndex, 50);
	return { report, filter, returnAll, output: options.output === 'page' ? 'page' : 'rows' };
}

export function filterError(context: IExecuteFunctions, error: ReportFilterError, itemIndex: number): NodeOperationError {
	const field = FIELD_NAMES[error.field] ?? error.field;
	return new NodeOperationError(context.getNode(), `${field}: ${error.message.slice(error.field.length + 2)}`, {
		itemIndex,
		description: `Check the ${field} ${error.field === 'limit' ? 'parameter' : 'filter'}.`,
	});
}
