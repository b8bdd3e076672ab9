// One error tree for every broker (ccxt's shape): adapters map their own codes into it, so the
// node and the retry policy decide by class, not by broker.

export interface BrokerErrorDetails {
	broker: string;
	/** The broker's own code, e.g. Alpaca 40010001, Binance -2010, OANDA CLIENT_ORDER_ID_ALREADY_EXISTS. */
	brokerCode?: string | number;
	httpStatus?: number;
}

export class BrokerError extends Error {
	/** Whether sending the same request again (same client order id) may succeed. */
	readonly retryable: boolean = false;
	readonly code: string = 'broker_error';

	constructor(
		message: string,
		readonly details: BrokerErrorDetails,
	) {
		super(message);
		this.name = new.target.name;
	}
}

export class InvalidOrderError extends BrokerError {
	override readonly code = 'invalid_order';
}
export class InsufficientFundsError extends BrokerError {
	override readonly code = 'insufficient_funds';
}
export class DuplicateClientOrderIdError extends BrokerError {
	override readonly code = 'duplicate_client_order_id';
}
export class OrderNotFoundError extends BrokerError {
	override readonly code = 'order_not_found';
}
export class AuthenticationError extends BrokerError {
	override readonly code = 'authentication_failed';
}
export class UnsupportedError extends BrokerError {
	override readonly code = 'unsupported';
}
export class RateLimitedError extends BrokerError {
	override readonly code = 'rate_limited';
	override readonly retryable = true;
}
export class BrokerUnavailableError extends BrokerError {
	override readonly code = 'broker_unavailable';
	override readonly retryable = true;
}
export class NetworkError extends BrokerError {
	override readonly code = 'network_error';
	override readonly retryable = true;
}
