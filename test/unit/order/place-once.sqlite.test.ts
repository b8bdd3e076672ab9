import type { Ledger } from '../../../core/ledger/ledger';
import { openSqliteLedger } from '../../../core/ledger/open-ledger';
import { placeOnce, type PlaceOnceContext } from '../../../core/order/place-once';
import { makeTempDir, type TempDir } from '../ledger/temp-ledger-dir';
import { orderIntent, RETRY, SCOPE } from './order-fixture';
import { WhileOpenFakeBroker } from './place-once-fakes';

// Two n8n processes on one SQLite ledger (two connections), one exchange, the same alert at once.

const INTENT = orderIntent({ clientOrderId: 'tv-0123456789abcdef0123456789ab', quantity: 2, referencePrice: 150 });

let dir: TempDir;
const ledgers: Ledger[] = [];
beforeEach(() => {
	dir = makeTempDir('tv-place-once-');
});
afterEach(async () => {
	await Promise.all(ledgers.splice(0).map(async (ledger) => await ledger.close()));
	dir.remove();
});

it('places once through two SQLite connections at the same instant; both see the same order', async () => {
	const broker = new WhileOpenFakeBroker();
	broker.placeDelayMs = 10;
	const context = (ledger: Ledger): PlaceOnceContext => ({
		broker,
		journal: ledger.orders,
		scope: SCOPE,
		retry: RETRY,
		sleep: async () => await new Promise((resolve) => setTimeout(resolve, 5)),
	});
	for (let i = 0; i < 2; i++) ledgers.push(openSqliteLedger(dir.file('ledger.sqlite')));

	const [first, second] = await Promise.all(ledgers.map(async (ledger) => await placeOnce(INTENT, context(ledger))));

	expect(broker.placeCalls).toHaveLength(1);
	expect(broker.taken).toHaveLength(1);
	expect(second.order).toEqual(first.order);
	expect([first.alreadyPlaced, second.alreadyPlaced].sort()).toEqual([false, true]);
	expect(await ledgers[0].orders.getClaim(INTENT.clientOrderId)).toMatchObject({ state: 'placed', broker: 'fake', scope: SCOPE });
	expect((await ledgers[1].orders.list({ clientOrderId: INTENT.clientOrderId })).map((event) => event.kind).sort()).toEqual([
		'attempt',
		'attempt',
		'duplicate_resolved',
		'placed',
	]);
});
