import type { IExecuteFunctions } from 'n8n-workflow';

import type { Ledger } from '../../core/ledger/ledger';
import { brokerAccountReport } from '../../core/reports/broker-account-report';
import type { AccountReportItem } from '../../core/reports/positions-report';
import { accountKeyFor } from '../shared/brokers/account-key';
import { createBroker } from '../shared/brokers/broker-factory';

/** Positions From names a broker: its account as the broker reports it, under the key the journal uses. */
export async function brokerPositions(context: IExecuteFunctions, ledger: Ledger, itemIndex: number, source: string, symbol: unknown): Promise<AccountReportItem> {
	const broker = await createBroker(context, ledger, itemIndex, source);
	const wanted = typeof symbol === 'string' && symbol.trim() !== '' ? symbol.trim() : undefined;
	return await brokerAccountReport(broker, { account: accountKeyFor(context, itemIndex, source), broker: source, symbol: wanted });
}
