// Answers as Binance writes them: errors are {"code":<negative>,"msg":"..."} with HTTP 400 (401 for the API key).

export interface Answer {
	status: number;
	body?: unknown;
}

export type Params = Record<string, string>;

export const ok = (body: unknown): Answer => ({ status: 200, body });
export const rejected = (code: number, msg: string, status = 400): Answer => ({ status, body: { code, msg } });

export const mandatory = (name: string): Answer => rejected(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);
export const notRequired = (name: string): Answer => rejected(-1106, `Parameter '${name}' sent when not required.`);
export const filterFailure = (filter: string): Answer => rejected(-1013, `Filter failure: ${filter}`);
export const invalidSymbol = (): Answer => rejected(-1121, 'Invalid symbol.');
export const tooMuchPrecision = (name: string): Answer => rejected(-1111, `Parameter '${name}' has too much precision.`);
export const insufficientBalance = (): Answer => rejected(-2010, 'Account has insufficient balance for requested action.');
export const orderDoesNotExist = (): Answer => rejected(-2013, 'Order does not exist.');
export const unknownOrder = (): Answer => rejected(-2011, 'Unknown order sent.');

/** Binance's rule for client order ids. */
export const CLIENT_ORDER_ID_RULE = /^[a-zA-Z0-9-_]{1,36}$/;
export const illegalClientOrderId = (name: string): Answer =>
	rejected(-1100, `Illegal characters found in parameter '${name}'; legal range is '^[a-zA-Z0-9-_]{1,36}$'.`);
