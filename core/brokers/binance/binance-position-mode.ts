import { binanceImplicit } from './binance-implicit';
import { asFields } from '../ccxt/ccxt-fields';
import type { CcxtExchange } from '../ccxt/ccxt-types';
import { PayloadError } from '../base/payload';

/*
 * The USD-M account's position mode, as Binance reports it:
 *
 *   GET /fapi/v1/positionSide/dual → { "dualSidePosition": true }   (true: hedge, false: one-way)
 *
 * Orders must match it (positionSide LONG/SHORT in hedge mode, BOTH or none in one-way; else
 * -4061 "Order's position side does not match user's setting."). The mode changes only when the
 * user switches it, which Binance allows only with no open position or order, so it is cached
 * for a short while rather than asked before every order.
 */

export type PositionMode = 'one-way' | 'hedge';

export const POSITION_MODE_TTL_MS = 30_000;

export async function readPositionMode(exchange: CcxtExchange): Promise<PositionMode> {
	const answer = asFields(await binanceImplicit(exchange, 'fapiPrivateGetPositionSideDual')({}), 'the position mode');
	const dual = answer.dualSidePosition;
	if (dual === true || dual === 'true') return 'hedge';
	if (dual === false || dual === 'false') return 'one-way';
	throw new PayloadError(`dualSidePosition is not true or false: ${String(dual).slice(0, 20)}`);
}

/** The last mode read, kept `ttlMs`; one read at a time, and a failed read is not kept. */
export class PositionModeCache {
	private known: { mode: PositionMode; at: number } | null = null;
	private reading: Promise<PositionMode> | null = null;

	constructor(
		private readonly now: () => number = Date.now,
		private readonly ttlMs: number = POSITION_MODE_TTL_MS,
	) {}

	async mode(read: () => Promise<PositionMode>): Promise<PositionMode> {
		if (this.known !== null && this.now() - this.known.at < this.ttlMs) return this.known.mode;
		if (this.reading === null) {
			this.reading = read()
				.then((mode) => {
					this.known = { mode, at: this.now() };
					return mode;
				})
				.finally(() => {
					this.reading = null;
				});
		}
		return await this.reading;
	}
}
