import { BROKER_ORDER_SUBTITLE } from '../../../nodes/BrokerOrder/BrokerOrder.node';
import { RISK_CHECK_SUBTITLE } from '../../../nodes/RiskCheck/RiskCheck.node';
import { TRADING_LEDGER_SUBTITLE } from '../../../nodes/TradingLedger/TradingLedger.node';

/** Evaluates a `={{ … }}` subtitle the way the editor does, for the given parameters. */
function render(subtitle: string, parameters: Record<string, unknown>): string {
	const body = /^=\{\{(.*)\}\}$/s.exec(subtitle)?.[1];
	if (body === undefined) throw new Error(`not a single expression: ${subtitle}`);
	expect(body).not.toContain('}}');
	return String(new Function('$parameter', `return (${body});`)(parameters));
}

describe('node subtitles on the canvas', () => {
	it.each([
		[{ broker: 'paper', resource: 'order', operation: 'place' }, 'Paper: Place from alert'],
		[{ broker: 'alpaca', resource: 'position', operation: 'closeAll' }, 'Alpaca: Close all positions'],
		[{ broker: 'ccxt', resource: 'order', operation: 'listOpen' }, 'ccxt: List open orders'],
		[{ broker: 'oanda', resource: 'account', operation: 'get' }, 'OANDA: Get the account'],
	])('Broker Order %j reads "%s"', (parameters, expected) => {
		expect(render(BROKER_ORDER_SUBTITLE, parameters)).toBe(expected);
	});

	it.each([
		[{ operation: 'check' }, 'Pass / Reject'],
		[{ operation: 'releaseReservation' }, 'Release Reservation'],
		[{ operation: 'setKillSwitch', switchName: 'main' }, 'Set Kill Switch: main'],
		[{ operation: 'getKillSwitch', switchName: 'desk-a' }, 'Get Kill Switch: desk-a'],
	])('Risk Check %j reads "%s"', (parameters, expected) => {
		expect(render(RISK_CHECK_SUBTITLE, parameters)).toBe(expected);
	});

	it.each([
		[{ operation: 'dailyPnl' }, 'Daily P&L'],
		[{ operation: 'latencyByDay' }, 'Latency per Day'],
		[{ operation: 'nothing' }, ''],
	])('TradingView Ledger %j reads "%s"', (parameters, expected) => {
		expect(render(TRADING_LEDGER_SUBTITLE, parameters)).toBe(expected);
	});

	it('never shows "undefined" or a raw camelCase value for an unknown combination', () => {
		expect(render(BROKER_ORDER_SUBTITLE, { broker: 'paper', resource: 'order', operation: 'nothing' })).toBe('Paper: ');
		expect(render(RISK_CHECK_SUBTITLE, { operation: 'setKillSwitch' })).toBe('Set Kill Switch: ');
	});
});
