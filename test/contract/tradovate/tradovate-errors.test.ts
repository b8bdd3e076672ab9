import {
	AuthenticationError,
	BrokerError,
	BrokerUnavailableError,
	InvalidOrderError,
	NetworkError,
	RateLimitedError,
} from '../../../core/brokers/broker-errors';
import type { HttpPort } from '../../../core/brokers/http-port';
import { fetchHttpPort } from '../harness/fetch-http-port';
import { CREDENTIAL, intent, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

let stub: TradovateStub;

beforeEach(async () => {
	stub = await startStub();
});

afterEach(async () => {
	await stub.close();
});

async function failure(promise: Promise<unknown>): Promise<BrokerError> {
	const error = await promise.then(
		() => null,
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(BrokerError);
	return error as BrokerError;
}

function noSecretIn(error: Error): void {
	const tokens = [...stub.tokens.keys()];
	for (const secret of [CREDENTIAL.password, CREDENTIAL.secret, ...tokens]) expect(error.message).not.toContain(secret);
}

describe('Tradovate errors → the shared error tree', () => {
	it('a 200 {failureReason, failureText} refusal of an order is final, with Tradovate\'s text and code', async () => {
		stub.rejectNext('SessionClosed', 'The market is closed for NQZ6');
		const error = await failure(tradovateBroker(stub).placeOrder(intent()));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toBe('The market is closed for NQZ6');
		expect(error.details).toEqual({ broker: 'tradovate', brokerCode: 'SessionClosed', httpStatus: 200 });
		expect(error.retryable).toBe(false);
	});

	it.each([
		['InvalidContract', InvalidOrderError],
		['MaxPosLimitReached', InvalidOrderError],
		['Unauthorized', AuthenticationError],
		['RiskCheckTimeout', BrokerUnavailableError],
		['SomethingNew', BrokerError],
	])('failureReason %s → %p', async (reason, errorClass) => {
		stub.rejectNext(reason, `refused: ${reason}`);
		const error = await failure(tradovateBroker(stub).placeOrder(intent()));
		expect(error.constructor).toBe(errorClass);
	});

	it.each([
		[429, RateLimitedError],
		[503, BrokerUnavailableError],
		[400, InvalidOrderError],
		[403, AuthenticationError],
	])('HTTP %i → %p', async (status, errorClass) => {
		stub.failNext(1, status, 'refused by the stub', { method: 'GET', path: '/position/list' });
		const error = await failure(tradovateBroker(stub).listPositions());
		expect(error.constructor).toBe(errorClass);
		expect(error.details.httpStatus).toBe(status);
	});

	it('a body the stub finds malformed (400) names the field', async () => {
		stub.failNext(1, 400, 'orderQty 0 is not a whole number of contracts', { method: 'POST', path: '/order/placeorder' });
		const error = await failure(tradovateBroker(stub).placeOrder(intent()));
		expect(error).toBeInstanceOf(InvalidOrderError);
		expect(error.message).toMatch(/orderQty/);
	});

	it('an unreadable 200 answer to an order is retryable (read back before anything is resent)', async () => {
		stub.failNext(1, 200, '<html>proxy</html>', { method: 'POST', path: '/order/placeorder' });
		const error = await failure(tradovateBroker(stub).placeOrder(intent()));
		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect(error.retryable).toBe(true);
	});

	it('no answer at all is a NetworkError that names neither the secret nor the token', async () => {
		const broken: HttpPort = {
			async send(request) {
				if (request.url.endsWith('/position/list')) throw new Error(`socket hang up ${JSON.stringify(request.headers)} ${CREDENTIAL.secret}`);
				return await fetchHttpPort.send(request);
			},
		};
		const error = await failure(tradovateBroker(stub, {}, { http: broken }).listPositions());
		expect(error).toBeInstanceOf(NetworkError);
		noSecretIn(error);
		expect(error.message).toContain('[redacted]');
	});

	it('a refused cash snapshot (errorText) is an error, the account never invented', async () => {
		stub.failNext(1, 200, { errorText: 'Access is denied' }, { method: 'POST', path: '/cashBalance/getcashbalancesnapshot' });
		const error = await failure(tradovateBroker(stub).getAccount());
		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error.message).toBe('Access is denied');
	});

	it('several accounts and none named: refused, naming them; a named one is used', async () => {
		await stub.close();
		stub = await startStub({ accounts: [{ id: 1, name: 'DEMO-A', active: true }, { id: 2, name: 'DEMO-B', active: true }] });
		const error = await failure(tradovateBroker(stub).placeOrder(intent()));
		expect(error).toBeInstanceOf(AuthenticationError);
		expect(error.message).toMatch(/2 active accounts \(DEMO-A, DEMO-B\)/);
		await tradovateBroker(stub, { account: 'DEMO-B' }).placeOrder(intent());
		expect(stub.book.orders[0].accountId).toBe(2);
	});
});
