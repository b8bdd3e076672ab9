import { AuthenticationError, InsufficientFundsError, InvalidOrderError, UnsupportedError } from '../brokers/broker-errors';

/**
 * Whether the broker refused the order outright, so that it certainly holds no order for it. Any
 * other error (no answer, 5xx, 429, a duplicate id, an unknown exception) may hide a taken order.
 */
export function isDefiniteRefusal(error: unknown): boolean {
	return (
		error instanceof InvalidOrderError ||
		error instanceof InsufficientFundsError ||
		error instanceof AuthenticationError ||
		error instanceof UnsupportedError
	);
}
