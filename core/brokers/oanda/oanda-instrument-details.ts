import { z } from 'zod';

import { PayloadError, parsedBy } from '../base/payload';
import type { RestClient } from '../base/rest-client';
import { OANDA_PATHS } from './oanda-paths';

/*
 * What an instrument allows, from GET /v3/accounts/{accountId}/instruments?instruments=EUR_USD:
 * {"instruments": [{"name": "EUR_USD", "type": "CURRENCY", "displayPrecision": 5,
 *   "pipLocation": -4, "tradeUnitsPrecision": 0, "minimumTrailingStopDistance": "0.00050",
 *   "maximumTrailingStopDistance": "1.00000", …}], "lastTransactionID": "6373"}
 * displayPrecision is the number of decimals OANDA takes in the instrument's prices (a price with
 * more is refused, …_PRICE_PRECISION_EXCEEDED); exit prices and trailing distances the node works
 * out are rounded to it.
 */

const instrumentSchema = z.object({
	name: z.string().min(1),
	displayPrecision: z.number().int().min(0).max(12),
	minimumTrailingStopDistance: z.coerce.number().nonnegative().optional(),
	maximumTrailingStopDistance: z.coerce.number().positive().optional(),
});

const answerSchema = z.object({ instruments: z.array(z.unknown()) });

export interface OandaInstrumentDetails {
	name: string;
	displayPrecision: number;
	minimumTrailingStopDistance: number | null;
	maximumTrailingStopDistance: number | null;
}

const parseList = parsedBy(answerSchema, 'no instruments list');

export async function fetchInstrumentDetails(client: RestClient, instrument: string): Promise<OandaInstrumentDetails> {
	return await client.request('GET', OANDA_PATHS.instruments, (body) => detailsOf(parseList(body).instruments, instrument), { query: { instruments: instrument } });
}

function detailsOf(instruments: unknown[], instrument: string): OandaInstrumentDetails {
	for (const entry of instruments) {
		const parsed = instrumentSchema.safeParse(entry);
		if (parsed.success && parsed.data.name === instrument) {
			return {
				name: parsed.data.name,
				displayPrecision: parsed.data.displayPrecision,
				minimumTrailingStopDistance: parsed.data.minimumTrailingStopDistance ?? null,
				maximumTrailingStopDistance: parsed.data.maximumTrailingStopDistance ?? null,
			};
		}
	}
	throw new PayloadError(`no readable details for ${instrument}`);
}
