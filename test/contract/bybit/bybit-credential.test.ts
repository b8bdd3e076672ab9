import { BybitApi } from '../../../credentials/BybitApi.credentials';
import { sendCredentialTest } from '../harness/credential-test-request';
import { API_KEY, SECRET, startBybitStub } from './bybit-fixture';
import type { BybitStub } from './bybit-stub';

describe("the Bybit API credential's test request", () => {
	let stub: BybitStub;
	const credential = new BybitApi();

	beforeEach(async () => {
		stub = await startBybitStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('is signed as Bybit checks it: the wallet balance answers retCode 0', async () => {
		const answer = await sendCredentialTest(credential, { apiKey: API_KEY, secret: SECRET }, stub.baseUrl);

		expect(answer).toEqual({ status: 200, json: expect.objectContaining({ retCode: 0 }) });
		expect(stub.requests[0].query).toEqual({ accountType: 'UNIFIED' });
	});

	it('a wrong secret or key answers a retCode that one of its rules turns into a failure', async () => {
		const badSecret = await sendCredentialTest(credential, { apiKey: API_KEY, secret: 'test-only-wrong' }, stub.baseUrl);
		const badKey = await sendCredentialTest(credential, { apiKey: 'test-only-wrong-key', secret: SECRET }, stub.baseUrl);

		const failing = (credential.test.rules ?? []).map((rule) => (rule.properties as { value: unknown }).value);
		expect([badSecret.json, badKey.json].map((json) => (json as { retCode: number }).retCode)).toEqual([10004, 10003]);
		expect(failing).toEqual(expect.arrayContaining([10003, 10004]));
	});
});
