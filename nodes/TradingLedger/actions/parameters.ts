import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Ledger } from '../../../core/ledger/ledger';
import { readReport, type ReportItem, type ReportName } from '../../../core/reports/ledger-reports';
import { ReportFilterError } from '../../../core/reports/report-error';
import type { ReportPage } from '../../../core/reports/report-page';
import { nodeErrorFor } from '../../shared/node-errors';
import { openNodeLedger } from '../../shared/node-ledger';

// The node's parameters as the core report's filter, a wrong filter as an error that names the
// field the user sees, and a report page as the node's output items.

/** A TradingView Ledger operation: the output items for one input item. */
export type LedgerOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject[]>;

export type OutputShape = 'rows' | 'page';

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

/** A Luxon DateTime from an expression such as {{ $now.minus(1, 'day') }} is taken as its ISO time. */
function timeValue(value: unknown): unknown {
	if (value !== null && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		return (value as { toISO(): string }).toISO();
	}
	return value;
}

export async function ledgerOf(context: IExecuteFunctions, itemIndex: number): Promise<Ledger> {
	return await openNodeLedger(context, context.getNodeParameter('ledger', itemIndex, 'sqlite'));
}

/** The Filters collection as the report's filter input; Latency per Day shows Latency's outcome field. */
export function filterOf(context: IExecuteFunctions, itemIndex: number, report: ReportName): Record<string, unknown> {
	const filters = context.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const outcome = filters[`outcome_${report === 'latencyByDay' ? 'latency' : report}`];
	return {
		from: timeValue(filters.from),
		until: timeValue(filters.until),
		symbol: filters.symbol,
		account: filters.account,
		broker: filters.broker,
		outcome: outcome === '' ? undefined : outcome,
	};
}

/** Options → Output of a paged report. */
export function outputShapeOf(context: IExecuteFunctions, itemIndex: number): OutputShape {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return options.output === 'page' ? 'page' : 'rows';
}

/** A page as the output items: one per row, or one with the rows, their count and the next cursor. */
export function itemsOf(page: ReportPage<object>, output: OutputShape): IDataObject[] {
	const items = page.items as IDataObject[];
	return output === 'page' ? [{ items, count: items.length, nextCursor: page.nextCursor }] : items;
}

/** A report read from the ledger, a wrong filter named by the field the user sees. */
export async function ledgerReport(context: IExecuteFunctions, itemIndex: number, report: ReportName, filter: Record<string, unknown>, returnAll = false): Promise<ReportPage<ReportItem>> {
	const ledger = await ledgerOf(context, itemIndex);
	try {
		return await readReport(report, filter, ledger, returnAll);
	} catch (error) {
		throw error instanceof ReportFilterError ? filterError(context, error, itemIndex) : nodeErrorFor(context.getNode(), error, itemIndex);
	}
}

/** A report with Return All, Limit and the Cursor and Output options (all but Health). */
export async function pagedReportItems(context: IExecuteFunctions, itemIndex: number, report: ReportName): Promise<IDataObject[]> {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const filter: Record<string, unknown> = { ...filterOf(context, itemIndex, report), cursor: options.cursor };
	if (!returnAll) filter.limit = context.getNodeParameter('limit', itemIndex, 50);
	return itemsOf(await ledgerReport(context, itemIndex, report, filter, returnAll), outputShapeOf(context, itemIndex));
}

function filterError(context: IExecuteFunctions, error: ReportFilterError, itemIndex: number): NodeOperationError {
	const field = FIELD_NAMES[error.field] ?? error.field;
	return new NodeOperationError(context.getNode(), `${field}: ${error.message.slice(error.field.length + 2)}`, {
		itemIndex,
		description: `Check the ${field} ${error.field === 'limit' ? 'parameter' : 'filter'}.`,
	});
}
