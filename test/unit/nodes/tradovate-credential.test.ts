import { TradovateApi } from '../../../credentials/TradovateApi.credentials';
import { tradovateConfig } from '../../../nodes/shared/brokers/credential-configs';

describe('Tradovate API credential', () => {
	it('tests the credential with the token request Broker Order makes, failing when no access token comes back', () => {
		const { request, rules } = new TradovateApi().test;
		expect(request).toMatchObject({ url: '/auth/accesstokenrequest', method: 'POST' });
		expect(Object.keys(request.body as object).sort()).toEqual(['appId', 'appVersion', 'cid', 'name', 'password', 'sec']);
		expect(rules).toEqual([expect.objectContaining({ type: 'responseSuccessBody', properties: expect.objectContaining({ key: 'accessToken', value: undefined }) })]);
	});

	it('keeps the password and secret as typed, trims the rest, and reads the CID as a number', () => {
		expect(
			tradovateConfig({
				username: ' trader ',
				password: ' pass word ',
				appId: ' My App ',
				appVersion: '',
				cid: '4242',
				secret: ' s3cret ',
				environment: 'live',
				account: ' ',
				baseUrl: 'http://127.0.0.1:9/v1/',
			}),
		).toEqual({
			username: 'trader',
			password: ' pass word ',
			appId: 'My App',
			appVersion: '1.0',
			cid: 4242,
			secret: ' s3cret ',
			environment: 'live',
			account: undefined,
			baseUrl: 'http://127.0.0.1:9/v1',
		});
	});

	it('defaults to demo', () => {
		expect(tradovateConfig({ environment: 'anything' }).environment).toBe('demo');
	});
});
