import type { Ledger } from '../../../../core/ledger/ledger';
import type { OrderClaimRequest, OrderClaimResult } from '../../../../core/ledger/order-claims';
import type { LedgerBackend } from './backends';
import { claimFromChildren } from './order-claim-children';

const AT = new Date('2024-03-01T12:00:00.000Z');
const ID = 'tv-0123456789abcdef0123456789ab';

function request(owner: string, overrides: Partial<OrderClaimRequest> = {}): OrderClaimRequest {
	return { clientOrderId: ID, scope: 'wf-1/broker-1', broker: 'binance', alertId: 'a-1', owner, at: AT, ...overrides };
}

const winners = (results: OrderClaimResult[]) => results.filter((result) => result.claimed);

export function orderClaimsContract(backend: LedgerBackend): void {
	describe('order claims', () => {
		it('the first claim of a client order id wins; a second gets the holder, as stored', async () => {
			const { orders } = await (await backend.newStore()).open();

			expect(await orders.claim(request('owner-1'))).toEqual({ claimed: true, previous: null });
			const second = await orders.claim(request('owner-2', { at: new Date(AT.getTime() + 1000) }));

			const holder = {
				clientOrderId: ID,
				scope: 'wf-1/broker-1',
				broker: 'binance',
				alertId: 'a-1',
				owner: 'owner-1',
				claimedAtMs: AT.getTime(),
				state: 'sending',
				settledAt: null,
				detail: null,
			};
			expect(second).toEqual({ claimed: false, holder });
			expect(await orders.getClaim(ID)).toEqual(holder);
			expect(await orders.getClaim('tv-other')).toBeNull();
			expect(await orders.claim(request('owner-3', { clientOrderId: 'tv-other', alertId: null }))).toEqual({ claimed: true, previous: null });
		});

		it('tells when the process a claim\'s owner names last wrote its heartbeat, and null for one never seen', async () => {
			const ledger = await (await backend.newStore()).open();
			await ledger.fates.heartbeat('worker-a:41:0badf00d', new Date(AT.getTime() - 31_000));
			await ledger.fates.heartbeat('worker-a:41:0badf00d', AT);

			expect(await ledger.orders.processSeenAt('worker-a:41:0badf00d')).toBe(AT.getTime());
			expect(await ledger.orders.processSeenAt('worker-b:7:feedface')).toBeNull();
		});

		it('50 concurrent claims of one id over 5 connections: exactly one wins, and every loser names it', async () => {
			const store = await backend.newStore();
			const ledgers: Ledger[] = await Promise.all(Array.from({ length: 5 }, async () => await store.open()));

			const results = await Promise.all(
				Array.from({ length: 50 }, async (_, index) => await ledgers[index % 5].orders.claim(request(`owner-${index}`))),
			);

			expect(winners(results)).toHaveLength(1);
			const winner = `owner-${results.findIndex((result) => result.claimed)}`;
			expect(results.filter((result) => !result.claimed).map((result) => !result.claimed && result.holder.owner)).toEqual(
				Array.from({ length: 49 }, () => winner),
			);
			expect((await ledgers[0].orders.getClaim(ID))?.owner).toBe(winner);
		});

		it('claims of one id from two processes at once: exactly one wins', async () => {
			const store = await backend.newStore();
			await (await store.open()).orders.getClaim(ID); // creates the tables before the race

			const results = await claimFromChildren(store.spec, { children: 2, callsPerChild: 25, clientOrderId: ID, atMs: AT.getTime() });

			expect(results).toHaveLength(50);
			expect(winners(results)).toHaveLength(1);
		});

		it('only the owner settles, only once; the outcome and its detail are kept', async () => {
			const { orders } = await (await backend.newStore()).open();
			await orders.claim(request('owner-1'));
			const settledAt = new Date(AT.getTime() + 2000);

			expect(await orders.settleClaim(ID, 'owner-2', 'refused', settledAt)).toBe(false);
			expect(await orders.settleClaim(ID, 'owner-1', 'placed', settledAt, { brokerOrderId: 'b-1' })).toBe(true);
			expect(await orders.settleClaim(ID, 'owner-1', 'refused', settledAt)).toBe(false);
			expect(await orders.getClaim(ID)).toMatchObject({ state: 'placed', settledAt: '2024-03-01T12:00:02.000Z', detail: { brokerOrderId: 'b-1' } });
		});

		it.each(['refused', 'not_sent'] as const)('a claim settled %s may be claimed again at once, and says what it replaced', async (state) => {
			const { orders } = await (await backend.newStore()).open();
			await orders.claim(request('owner-1'));
			await orders.settleClaim(ID, 'owner-1', state, AT, { error: { code: 'insufficient_funds' } });

			const again = await orders.claim(request('owner-2', { at: new Date(AT.getTime() + 60_000) }));

			expect(again).toEqual({ claimed: true, previous: expect.objectContaining({ owner: 'owner-1', state, detail: { error: { code: 'insufficient_funds' } } }) });
			expect(await orders.getClaim(ID)).toMatchObject({ owner: 'owner-2', state: 'sending', claimedAtMs: AT.getTime() + 60_000, settledAt: null, detail: null });
			expect(await orders.claim(request('owner-3'))).toMatchObject({ claimed: false, holder: { owner: 'owner-2' } });
		});

		it.each(['placed', 'unknown'] as const)('a claim settled %s is not claimed again', async (state) => {
			const { orders } = await (await backend.newStore()).open();
			await orders.claim(request('owner-1'));
			await orders.settleClaim(ID, 'owner-1', state, AT);

			expect(await orders.claim(request('owner-2'))).toMatchObject({ claimed: false, holder: { owner: 'owner-1', state } });
		});

		it('20 concurrent claims of a refused id: exactly one wins', async () => {
			const store = await backend.newStore();
			const ledgers: Ledger[] = await Promise.all(Array.from({ length: 4 }, async () => await store.open()));
			await ledgers[0].orders.claim(request('owner-0'));
			await ledgers[0].orders.settleClaim(ID, 'owner-0', 'refused', AT);

			const results = await Promise.all(
				Array.from({ length: 20 }, async (_, index) => await ledgers[index % 4].orders.claim(request(`owner-${index + 1}`))),
			);

			expect(winners(results)).toHaveLength(1);
		});

		it('a takeover succeeds once, only from the named owner and only while sending or unknown; the owner can renew', async () => {
			const store = await backend.newStore();
			const ledgers: Ledger[] = await Promise.all(Array.from({ length: 4 }, async () => await store.open()));
			const { orders } = ledgers[0];
			await orders.claim(request('crashed'));
			const later = new Date(AT.getTime() + 180_000);

			const takeovers = await Promise.all(
				Array.from({ length: 20 }, async (_, index) => await ledgers[index % 4].orders.takeOverClaim(request(`heir-${index}`, { at: later }), 'crashed')),
			);

			expect(takeovers.filter(Boolean)).toHaveLength(1);
			const heir = `heir-${takeovers.indexOf(true)}`;
			expect(await orders.getClaim(ID)).toMatchObject({ owner: heir, state: 'sending', claimedAtMs: later.getTime() });
			expect(await orders.takeOverClaim(request('late', { at: later }), 'crashed')).toBe(false);

			const renewed = new Date(later.getTime() + 5_000);
			expect(await orders.takeOverClaim(request(heir, { at: renewed }), heir)).toBe(true);
			expect((await orders.getClaim(ID))?.claimedAtMs).toBe(renewed.getTime());

			await orders.settleClaim(ID, heir, 'unknown', renewed);
			expect(await orders.takeOverClaim(request('next', { at: renewed }), heir)).toBe(true);
			await orders.settleClaim(ID, 'next', 'placed', renewed);
			expect(await orders.takeOverClaim(request('after-placed', { at: renewed }), 'next')).toBe(false);
			expect(await orders.getClaim(ID)).toMatchObject({ owner: 'next', state: 'placed' });
		});

		it('keeps claims across a restart', async () => {
			const store = await backend.newStore();
			await (await store.open()).orders.claim(request('owner-1'));
			await store.restart();

			expect(await (await store.open()).orders.claim(request('owner-2'))).toMatchObject({ claimed: false, holder: { owner: 'owner-1' } });
		});
	});
}
