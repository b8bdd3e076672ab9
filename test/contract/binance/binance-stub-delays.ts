import type { BinanceStub } from './binance-stub';
import type { VisibilityRule } from './binance-stub-visibility';

/**
 * Switches the stub into late read-backs: each order it takes from now on answers -2013 "Order
 * does not exist." to GET /api/v3/order and /fapi/v1/order (and is left out of openOrders) for
 * its first `reads` look-ups and/or for `ms` after it was taken. Returns the switch back off.
 */
export function delayOrderVisibility(stub: BinanceStub, rule: VisibilityRule): () => void {
	stub.delayOrderVisibility(rule);
	return () => stub.delayOrderVisibility(null);
}
