// Where each call goes, below /v3/accounts/{accountId}.

/** A path segment; '@' (OANDA's client-id prefix) is a legal path character and stays as it is. */
export function pathSegment(value: string): string {
	return encodeURIComponent(value).replace(/%40/g, '@');
}

export const OANDA_PATHS = Object.freeze({
	orders: '/orders',
	/** OANDA looks an order up by its client id when the id is prefixed with '@'. */
	orderByClientId: (clientOrderId: string) => `/orders/${pathSegment(`@${clientOrderId}`)}`,
	cancelByClientId: (clientOrderId: string) => `/orders/${pathSegment(`@${clientOrderId}`)}/cancel`,
	pendingOrders: '/pendingOrders',
	position: (instrument: string) => `/positions/${pathSegment(instrument)}`,
	openPositions: '/openPositions',
	summary: '/summary',
	transaction: (id: string) => `/transactions/${pathSegment(id)}`,
	transactionRange: '/transactions/idrange',
	instruments: '/instruments',
	openTrades: '/openTrades',
	tradeOrders: (tradeId: string) => `/trades/${pathSegment(tradeId)}/orders`,
});
