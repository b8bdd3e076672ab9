import type { BrokerAccount } from '../broker';
import { asFields, decimalField, textField } from '../base/payload';

/*
 * The account as Alpaca answers GET /v2/account (fields the adapter does not read left out):
 *
 * {
 *   "id": "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
 *   "account_number": "PA3XXXXXXXXX",
 *   "status": "ACTIVE",
 *   "currency": "USD",
 *   "cash": "98231.57",
 *   "portfolio_value": "101204.33",
 *   "equity": "101204.33",
 *   "buying_power": "196463.14"
 * }
 *
 * Alpaca reports no realised P&L for the account, so realisedPnl is null.
 */

export function parseAlpacaAccount(body: unknown): BrokerAccount {
	const fields = asFields(body, 'the account');
	return {
		currency: textField(fields, 'currency'),
		cash: decimalField(fields, 'cash'),
		equity: decimalField(fields, 'equity'),
		buyingPower: decimalField(fields, 'buying_power'),
		realisedPnl: null,
	};
}
