import type { BrokerErrorDetails } from '../broker-errors';

export const PAPER_ERROR_DETAILS: BrokerErrorDetails = Object.freeze({ broker: 'paper' });
