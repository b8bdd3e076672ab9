import { AuthenticationError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';

/** A leverage the exchange could take (1 to its maximum), or none; refused otherwise, before anything is sent. */
export function assertLeverage(label: string, leverage: number | undefined, maximum: number): void {
	if (leverage === undefined) return;
	if (typeof leverage !== 'number' || !Number.isFinite(leverage) || leverage < 1 || leverage > maximum) {
		throw new AuthenticationError(`the ${label} leverage must be a number from 1 to ${maximum}, not ${String(leverage).slice(0, 20)}`, errorDetails(label.toLowerCase()));
	}
}

/** The position mode as the credential says it; anything else is refused. */
export function assertPositionMode(label: string, mode: unknown): void {
	if (mode !== 'one-way' && mode !== 'hedge') throw new AuthenticationError(`the ${label} position mode must be one-way or hedge`, errorDetails(label.toLowerCase()));
}
