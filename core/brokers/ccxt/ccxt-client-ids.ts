import { InvalidOrderError } from '../broker-errors';
import { errorDetails } from './ccxt-errors';

/*
 * Our client order ids (`tv-` + 28 hex, core/order/client-order-id.ts) as each exchange takes
 * them. ccxt sends params.clientOrderId under the exchange's own name (okx clOrdId, gate text,
 * kraken cl_ord_id, bybit orderLinkId, kucoin clientOid…) but checks almost none of the
 * exchange's rules, so an id the exchange refuses is mapped here, in one table:
 *
 *   exchange (ccxt id)        exchange rule                                 tv-<hex28> is sent as
 *   okx, myokx, okxus         clOrdId: 1–32 letters and digits               tv<hex28> (30)
 *   gate, gateio              text: t- + up to 28 of [0-9A-Za-z_.-]          <hex28>; ccxt adds t-, reported t-<hex28>
 *   kraken                    cl_ord_id: UUID, or free text up to 18         tv<first 16 hex> (lossy, 64 bits)
 *   binance, binanceus        newClientOrderId: 1–36 of [A-Za-z0-9_-]        as is
 *   bybit                     orderLinkId: 1–36 of [A-Za-z0-9_-]             as is
 *   kucoin                    clientOid: 1–40 of [A-Za-z0-9_-]               as is
 *   any other                 (taken as 1–64 printable characters)          as is
 *
 * The same id always maps to the same exchange id, so a resend meets the exchange's duplicate
 * check and a read-back finds the order. Other ids (not tv-<hex28>) are mapped the same way where
 * the rule allows (okx: the characters that are not letters or digits dropped) or refused with
 * InvalidOrderError naming the rule. Ids read back are turned into ours again: by inverting the
 * mapping where it keeps every character, otherwise from the ids this mapping has seen.
 */

export interface ClientIdMapping {
	/** The value passed to ccxt as params.clientOrderId; InvalidOrderError when the exchange cannot take it. */
	sent(clientOrderId: string): string;
	/** What the exchange reports (ccxt's order.clientOrderId) for an order sent with `clientOrderId`. */
	reported(clientOrderId: string): string;
	/** Our id for one the exchange reports: the mapping inverted, or the reported id when it is not one of ours. */
	ours(reported: string): string;
}

interface ExchangeRule {
	/** The rule as the refusal names it. */
	describe: string;
	/** Our id → the value sent, or null when the rule cannot take it. */
	send(clientOrderId: string): string | null;
	/** The value sent → the value the exchange reports; the same unless said. */
	report?: (sent: string) => string;
	/** The reported value → our id, where the mapping can be inverted. */
	invert?: (reported: string) => string | null;
}

const OURS = /^tv-([0-9a-f]{28})$/;
const PRINTABLE = /^[\x21-\x7e]{1,64}$/;

function within(pattern: RegExp, describe: string): ExchangeRule {
	return { describe, send: (id) => (pattern.test(id) ? id : null) };
}

const OKX: ExchangeRule = {
	describe: '1 to 32 letters and digits (clOrdId)',
	send: (id) => {
		const compact = id.replace(/[^A-Za-z0-9]/g, '');
		return compact.length >= 1 && compact.length <= 32 ? compact : null;
	},
	invert: (reported) => {
		const match = /^tv([0-9a-f]{28})$/.exec(reported);
		return match === null ? null : `tv-${match[1]}`;
	},
};

const GATE: ExchangeRule = {
	describe: 't- followed by up to 26 of letters, digits, _, - and . (text)',
	send: (id) => {
		const ours = OURS.exec(id);
		// ccxt takes at most 28 characters and prefixes t- to a value that does not start with t
		if (ours !== null) return ours[1];
		return /^[A-Za-z0-9_.-]{1,26}$/.test(id) ? `t-${id}` : null;
	},
	report: (sent) => (sent.startsWith('t') ? sent : `t-${sent}`),
	invert: (reported) => {
		const match = /^t-([0-9a-f]{28})$/.exec(reported);
		return match === null ? null : `tv-${match[1]}`;
	},
};

const KRAKEN: ExchangeRule = {
	describe: 'a UUID or free text of up to 18 characters (cl_ord_id)',
	send: (id) => {
		const ours = OURS.exec(id);
		if (ours !== null) return `tv${ours[1].slice(0, 16)}`;
		return /^[\x21-\x7e]{1,18}$/.test(id) ? id : null;
	},
};

const DASHED_36 = within(/^[A-Za-z0-9_-]{1,36}$/, '1 to 36 of letters, digits, _ and -');

const RULES: Readonly<Record<string, ExchangeRule>> = {
	okx: OKX,
	myokx: OKX,
	okxus: OKX,
	gate: GATE,
	gateio: GATE,
	kraken: KRAKEN,
	binance: DASHED_36,
	binanceus: DASHED_36,
	bybit: DASHED_36,
	kucoin: within(/^[A-Za-z0-9_-]{1,40}$/, '1 to 40 of letters, digits, _ and -'),
};

const ANY: ExchangeRule = within(PRINTABLE, '1 to 64 printable characters without spaces');

export function clientIdMapping(exchangeId: string, label: string): ClientIdMapping {
	const rule = RULES[exchangeId] ?? ANY;
	const report = rule.report ?? ((sent: string) => sent);
	const seen = new Map<string, string>();
	const sent = (clientOrderId: string): string => {
		const value = typeof clientOrderId === 'string' && PRINTABLE.test(clientOrderId) ? rule.send(clientOrderId) : null;
		if (value === null) {
			throw new InvalidOrderError(
				`${label} takes client order ids of ${rule.describe}; ${JSON.stringify(String(clientOrderId).slice(0, 70))} cannot be sent as one`,
				errorDetails(exchangeId),
			);
		}
		seen.set(report(value), clientOrderId);
		return value;
	};
	return {
		sent,
		reported: (clientOrderId) => report(sent(clientOrderId)),
		ours: (reported) => rule.invert?.(reported) ?? seen.get(reported) ?? reported,
	};
}
