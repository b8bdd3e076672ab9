import { OkxApi } from '../../../credentials/OkxApi.credentials';
import { sendCredentialTest } from '../harness/credential-test-request';
import { API_KEY, PASSPHRASE, SECRET, startOkxStub } from './okx-fixture';
import type { OkxStub } from './okx-stub';

describe("the OKX API credential's test request", () => {
	let stub: OkxStub;
	const credential = new OkxApi();
	const data = { apiKey: API_KEY, secret: SECRET, passphrase: PASSPHRASE, environment: 'demo' };

	beforeEach(async () => {
		stub = await startOkxStub();
	});

	afterEach(async () => {
		await stub.close();
	});

	it('is signed as OKX checks it, with the demo header: the account config answers code 0', async () => {
		const answer = await sendCredentialTest(credential, data, stub.baseUrl);

		expect(answer).toEqual({ status: 200, json: expect.objectContaining({ code: '0' }) });
		expect(stub.requests[0].headers['x-simulated-trading']).toBe('1');
	});

	it.each([
		[{ secret: 'test-only-wrong' }, '50113'],
		[{ passphrase: 'test-only-wrong' }, '50105'],
		[{ environment: 'live' }, '50101'],
	])('%j fails with HTTP 401 and code %s', async (change, code) => {
		expect(await sendCredentialTest(credential, { ...data, ...change }, stub.baseUrl)).toEqual({ status: 401, json: expect.objectContaining({ code }) });
	});
});
