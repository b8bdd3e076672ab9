import { useSqliteBackend } from './backends';
import { alertFateContract } from './alert-fate.contract';
import { alertOrderContract } from './alert-order.contract';
import { orderClaimsContract } from './order-claims.contract';
import { orderJournalContract } from './order-journal.contract';
import { paperStoreContract } from './paper-store.contract';
import { reportsContract } from './reports.contract';
import { riskStoreContract } from './risk-store.contract';
import { signalLedgerContract } from './signal-ledger.contract';
import { signalStartContract } from './signal-start.contract';

jest.setTimeout(60_000);

describe('the SQLite ledger', () => {
	const backend = useSqliteBackend();
	signalLedgerContract(backend);
	signalStartContract(backend);
	alertFateContract(backend);
	alertOrderContract(backend);
	orderJournalContract(backend);
	orderClaimsContract(backend);
	paperStoreContract(backend);
	riskStoreContract(backend);
	reportsContract(backend);
});
