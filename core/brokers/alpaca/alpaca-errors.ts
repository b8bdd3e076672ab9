import {
	AuthenticationError,
	BrokerError,
	DuplicateClientOrderIdError,
	InsufficientFundsError,
	InvalidOrderError,
	OrderNotFoundError,
} from '../broker-errors';
import type { BrokerErrorSpec } from '../base/broker-answers';
import { isRecord } from '../base/payload';
import { ALPACA } from './alpaca-description';

/*
 * Alpaca's answers → the shared error tree. Alpaca answers errors as {"code":<8 digits>,"message":"..."}:
 *
 *   401 {"code":40110000,"message":"request is not authorized"}      → AuthenticationError
 *   403 {"code":40310000,"message":"insufficient buying power"}      → InsufficientFundsError
 *   403 {"code":40310000,"message":"insufficient qty available for order (requested: 20, available: 10)"}
 *                                                                    → InsufficientFundsError
 *   403 anything else (forbidden)                                    → AuthenticationError
 *   422 {"code":40010001,"message":"client_order_id must be unique"} → DuplicateClientOrderIdError
 *   400 or 422 anything else                                         → InvalidOrderError
 *   404 {"code":40410000,"message":"order not found"}                → OrderNotFoundError
 *   429                                                              → RateLimitedError (retryable)
 *   5xx                                                              → BrokerUnavailableError (retryable)
 *   no answer at all                                                 → NetworkError (retryable)
 *   any other status                                                 → BrokerError (not retryable)
 *
 * 40010001 is also Alpaca's code for every other invalid request, so a duplicate is told by its
 * message (the table's `broad` patterns). The message is Alpaca's own (its text, when the body is
 * not JSON), with any key or secret replaced; details carry { broker: 'alpaca', brokerCode:
 * Alpaca's code, httpStatus }.
 */

export const ALPACA_ERRORS: BrokerErrorSpec = Object.freeze({
	broker: ALPACA.id,
	label: ALPACA.label,
	readError(body: unknown) {
		if (!isRecord(body)) {
			const text = typeof body === 'string' ? body.trim() : '';
			return text === '' ? {} : { message: text };
		}
		const { code, message } = body;
		return {
			...(typeof code === 'number' || (typeof code === 'string' && code !== '') ? { code } : {}),
			...(typeof message === 'string' && message.trim() !== '' ? { message } : {}),
		};
	},
	table: Object.freeze({
		statusFirst: { 401: AuthenticationError, 404: OrderNotFoundError },
		broad: [
			[/client[_ ]order[_ ]id\b.*\b(unique|already|exists)/i, DuplicateClientOrderIdError],
			[/insufficient\s+(buying\s+power|qty|quantity|balance|funds|day\s*trading\s+buying\s+power)/i, InsufficientFundsError],
		] as const,
		status: { 400: InvalidOrderError, 403: AuthenticationError, 422: InvalidOrderError },
		otherwise: BrokerError,
	}),
});
