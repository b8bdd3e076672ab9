import { ALPACA_ORDER_PAGE_LIMIT } from './alpaca-description';
import type { AlpacaSymbol } from './alpaca-symbols';

// Where each call goes (paths under the base URL) and the query it carries.

export const ALPACA_PATHS = Object.freeze({
	account: '/v2/account',
	orders: '/v2/orders',
	orderByClientId: '/v2/orders:by_client_order_id',
	order: (brokerOrderId: string) => `/v2/orders/${encodeURIComponent(brokerOrderId)}`,
	positions: '/v2/positions',
	/** Positions spell crypto without the slash (BTCUSD), which a path segment cannot hold. */
	position: (symbol: AlpacaSymbol) => `/v2/positions/${encodeURIComponent(symbol.position)}`,
});

export function orderByClientIdQuery(clientOrderId: string): Record<string, string> {
	return { client_order_id: clientOrderId };
}

/**
 * Open orders, the most Alpaca gives in one answer. A stock symbol is filtered by Alpaca
 * (`symbols=AAPL`); crypto is not (Alpaca's docs spell the filter BTCUSD while orders carry
 * BTC/USD), so every open order is asked for and the adapter keeps the symbol's own.
 */
export function openOrdersQuery(symbol: AlpacaSymbol | null): Record<string, string | number> {
	const query: Record<string, string | number> = { status: 'open', limit: ALPACA_ORDER_PAGE_LIMIT, direction: 'asc' };
	if (symbol !== null && !symbol.crypto) query.symbols = symbol.order;
	return query;
}
