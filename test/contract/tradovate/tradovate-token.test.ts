import { AuthenticationError, RateLimitedError } from '../../../core/brokers/broker-errors';
import { tradovateBaseUrl } from '../../../core/brokers/tradovate/tradovate-config';
import { TradovateSession } from '../../../core/brokers/tradovate/tradovate-session';
import { configFor, CREDENTIAL, intent, startStub, tradovateBroker } from './tradovate-fixture';
import type { TradovateStub } from './tradovate-stub';

let stub: TradovateStub;

afterEach(async () => {
	await stub.close();
});

const tokenRequests = () => stub.count('POST', '/auth/accesstokenrequest');
const renewals = () => stub.count('GET', '/auth/renewaccesstoken');

describe('Tradovate access token', () => {
	it('requests the token with name, password, appId, appVersion, cid and sec, and sends it as Bearer', async () => {
		stub = await startStub();
		await tradovateBroker(stub).listPositions();
		const [request] = stub.requests.filter((logged) => logged.path === '/auth/accesstokenrequest');
		expect(request.body).toEqual({
			name: CREDENTIAL.username,
			password: CREDENTIAL.password,
			appId: CREDENTIAL.appId,
			appVersion: CREDENTIAL.appVersion,
			cid: CREDENTIAL.cid,
			sec: CREDENTIAL.secret,
		});
		const later = stub.requests.filter((logged) => logged.path !== '/auth/accesstokenrequest');
		expect(later.length).toBeGreaterThan(0);
		for (const logged of later) expect(stub.tokens.has(String(logged.headers.authorization).replace('Bearer ', ''))).toBe(true);
	});

	it('asks for one token however many calls start at once', async () => {
		stub = await startStub();
		const broker = tradovateBroker(stub);
		await Promise.all([broker.listPositions(), broker.getAccount(), broker.listOpenOrders(), broker.getOrderByClientId('tv-x'), broker.getPosition('ES1!')]);
		expect(tokenRequests()).toBe(1);
	});

	it('shares the token between brokers of the same session (one Tradovate session per credential)', async () => {
		stub = await startStub();
		const config = configFor(stub);
		const session = new TradovateSession(config, tradovateBaseUrl(config));
		await tradovateBroker(stub, {}, { session }).listPositions();
		await tradovateBroker(stub, {}, { session }).listPositions();
		expect(tokenRequests()).toBe(1);
	});

	it('renews a token close to its expiry through /auth/renewaccesstoken instead of signing in again', async () => {
		// Tokens that live 5 minutes are always within the 10-minute renewal margin.
		stub = await startStub({ tokenLifetimeMs: 5 * 60_000 });
		const broker = tradovateBroker(stub);
		await broker.listPositions();
		await broker.listPositions();
		expect(tokenRequests()).toBe(1);
		expect(renewals()).toBeGreaterThanOrEqual(1);
		const renewal = stub.requests.find((logged) => logged.path === '/auth/renewaccesstoken');
		expect(renewal?.headers.authorization).toMatch(/^Bearer .+/);
	});

	it('signs in again after a 401 (an expired token) and the request goes through', async () => {
		stub = await startStub();
		const broker = tradovateBroker(stub);
		await broker.listPositions();
		stub.expireTokens();
		const order = await broker.placeOrder(intent());
		expect(order.status).toBe('filled');
		expect(tokenRequests()).toBe(2);
		expect(stub.requests.filter((logged) => logged.path === '/command/list').length).toBeGreaterThan(0);
	});

	it('turns the errorText of a refused sign-in into an AuthenticationError without the password or secret', async () => {
		stub = await startStub();
		const reading = tradovateBroker(stub, { password: 'wrong-password-xyz' }).listPositions();
		await expect(reading).rejects.toThrow(AuthenticationError);
		const error = await reading.then(
			() => new Error('resolved'),
			(caught: Error) => caught,
		);
		expect(error.message).toMatch(/Incorrect username or password/);
		expect(error.message).not.toContain('wrong-password-xyz');
		expect(error.message).not.toContain(CREDENTIAL.secret);
	});

	it('reads a p-ticket answer (too many sign-ins) as rate limited', async () => {
		stub = await startStub();
		stub.failNext(1, 200, { 'p-ticket': 'abc', 'p-time': 15, 'p-captcha': false }, { method: 'POST', path: '/auth/accesstokenrequest' });
		await expect(tradovateBroker(stub).listPositions()).rejects.toThrow(RateLimitedError);
	});

	it('refuses an incomplete credential before asking anything', async () => {
		stub = await startStub();
		expect(() => tradovateBroker(stub, { cid: Number.NaN })).toThrow(/CID|API key id/);
		expect(() => tradovateBroker(stub, { secret: ' ' })).toThrow(/API key secret/);
		expect(stub.requests).toHaveLength(0);
	});
});

describe('Tradovate access token renewal without an answer', () => {
	it('keeps using the current token while it works when the renewal gets no answer', async () => {
		stub = await startStub({ tokenLifetimeMs: 5 * 60_000 });
		const broker = tradovateBroker(stub);
		await broker.listPositions();
		stub.failNext(1, 503, 'Service Unavailable', { method: 'GET', path: '/auth/renewaccesstoken' });
		const renewalsBefore = renewals();
		await expect(broker.listPositions()).resolves.toEqual([]);
		expect(renewals()).toBeGreaterThan(renewalsBefore);
		expect(tokenRequests()).toBe(1);
	});
});
