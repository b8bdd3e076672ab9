import { z } from 'zod';

import type { OandaHttp } from './oanda-http';

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

export async function fetchInstrumentDetails(api: OandaHttp, instrument: string): Promise<OandaInstrumentDetails> {
	const answer = await api.expect({ method: 'GET', path: '/instruments', query: { instruments: instrument } });
	const list = answerSchema.safeParse(answer.body);
	if (!list.success) throw api.unexpected(answer, 'no instruments list');
	for (const entry of list.data.instruments) {
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
	throw api.unexpected(answer, `no readable details for ${instrument}`);
}
