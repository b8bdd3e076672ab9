import { AuthenticationError, BrokerUnavailableError, DuplicateClientOrderIdError, NetworkError } from '../../../core/brokers/broker-errors';
import type { BrokerErrorSpec } from '../../../core/brokers/base/broker-answers';
import { asFields, textField } from '../../../core/brokers/base/payload';
import { redactorFor } from '../../../core/brokers/base/redact';
import { RestClient, type RestClientSettings } from '../../../core/brokers/base/rest-client';
import type { HttpPort, HttpRequest, HttpResponse } from '../../../core/brokers/http-port';

const SECRET = 'sk-very-secret-value';

const spec: BrokerErrorSpec = {
	broker: 'acme',
	label: 'Acme',
	readError: (body) => {
		const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
		return {
			...(typeof fields.code === 'string' ? { code: fields.code } : {}),
			...(typeof fields.message === 'string' ? { message: fields.message } : {}),
		};
	},
	table: { statusFirst: { 401: AuthenticationError }, exact: { DUPLICATE_ID: DuplicateClientOrderIdError } },
};

function portAnswering(answer: HttpResponse | Error): { port: HttpPort; sent: HttpRequest[] } {
	const sent: HttpRequest[] = [];
	return {
		sent,
		port: {
			send: async (request) => {
				sent.push(request);
				if (answer instanceof Error) throw answer;
				return answer;
			},
		},
	};
}

function clientOver(port: HttpPort, authorize: RestClientSettings['authorize'] = async () => ({ authorization: `Bearer ${SECRET}` })): RestClient {
	return new RestClient(port, { errors: spec, baseUrl: 'https://acme.test/v1', timeoutMs: 1234, redact: redactorFor([SECRET]), authorize });
}

const parseId = (body: unknown) => textField(asFields(body, 'order'), 'id');

describe('RestClient', () => {
	it('sends to the base URL with the hook’s headers, the query, the body and the timeout', async () => {
		const { port, sent } = portAnswering({ status: 200, headers: {}, body: { id: 'o-1' } });
		const seen: unknown[] = [];
		const client = clientOver(port, async (request) => {
			seen.push(request);
			return { 'x-key': 'k' };
		});
		await expect(client.request('POST', '/orders', parseId, { query: { a: 1 }, body: { qty: '1' } })).resolves.toBe('o-1');
		expect(sent).toEqual([
			{ method: 'POST', url: 'https://acme.test/v1/orders', headers: { accept: 'application/json', 'x-key': 'k' }, query: { a: 1 }, body: { qty: '1' }, timeoutMs: 1234 },
		]);
		expect(seen).toEqual([{ method: 'POST', path: '/orders', query: { a: 1 }, body: { qty: '1' } }]);
	});

	it('maps an error answer through the table, with the broker’s message redacted and its details', async () => {
		const { port } = portAnswering({ status: 422, headers: {}, body: { code: 'DUPLICATE_ID', message: `id taken (key ${SECRET})` } });
		const error = await clientOver(port).request('POST', '/orders', parseId).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(DuplicateClientOrderIdError);
		expect((error as Error).message).toBe('id taken (key [redacted])');
		expect((error as DuplicateClientOrderIdError).details).toEqual({ broker: 'acme', brokerCode: 'DUPLICATE_ID', httpStatus: 422 });
	});

	it('names the request when the broker sent no message', async () => {
		const { port } = portAnswering({ status: 401, headers: {}, body: '' });
		await expect(clientOver(port).request('GET', '/account', parseId)).rejects.toThrow(new AuthenticationError('Acme answered HTTP 401 to GET /account', { broker: 'acme' }));
	});

	it('turns a 2xx answer it cannot read into a retryable BrokerUnavailableError', async () => {
		const { port } = portAnswering({ status: 200, headers: {}, body: '<html>proxy</html>' });
		const error = await clientOver(port).request('GET', '/orders/1', parseId).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(BrokerUnavailableError);
		expect((error as BrokerUnavailableError).retryable).toBe(true);
		expect((error as Error).message).toBe('Acme answered HTTP 200 to GET /orders/1 but the answer could not be read: order is not a JSON object');
	});

	it('turns no answer into a redacted NetworkError', async () => {
		const { port } = portAnswering(new Error(`connect ECONNREFUSED for ${SECRET}`, { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }));
		const error = await clientOver(port).send('GET', '/account').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NetworkError);
		expect((error as Error).message).toBe('no answer from Acme to GET /account: connect ECONNREFUSED for [redacted]: ECONNREFUSED');
	});

	it('passes on a broker error the auth hook threw (a refused token request)', async () => {
		const { port, sent } = portAnswering({ status: 200, headers: {}, body: {} });
		const refused = new AuthenticationError('token refused', { broker: 'acme', httpStatus: 401 });
		const client = clientOver(port, async () => {
			throw refused;
		});
		await expect(client.send('GET', '/account')).rejects.toBe(refused);
		expect(sent).toEqual([]);
	});

	it('answers with the request it answers, for messages about a status checked first', async () => {
		const { port } = portAnswering({ status: 409, headers: {}, body: {} });
		const answer = await clientOver(port).send('DELETE', '/orders/7');
		expect(answer).toEqual({ status: 409, headers: {}, body: {}, what: 'DELETE /orders/7' });
		expect(() => clientOver(port).expectSuccess(answer, answer.what)).toThrow('Acme answered HTTP 409 to DELETE /orders/7');
	});

	it('redacts a secret before the message is clipped, so a cut never leaves part of it', async () => {
		const message = `${'x'.repeat(290)} ${SECRET} tail`;
		const { port } = portAnswering({ status: 400, headers: {}, body: { message } });
		const error = await clientOver(port).request('GET', '/orders', parseId).catch((caught: unknown) => caught);
		expect((error as Error).message).toBe(`${'x'.repeat(290)} [redacte…`);
		expect((error as Error).message).not.toContain(SECRET.slice(0, 4));
	});

	it.each([
		['the broker’s own 404', { code: 'NOT_FOUND', message: 'order not found' }, true],
		['a proxy’s text page', '404 page not found', false],
		['an object that is not the broker’s error shape', { error: 'nope' }, false],
	])('tells %s', (_, body, expected) => {
		const { port } = portAnswering({ status: 404, headers: {}, body });
		expect(clientOver(port).isNotFound({ status: 404, body })).toBe(expected);
		expect(clientOver(port).isNotFound({ status: 400, body: { code: 'NOT_FOUND' } })).toBe(false);
	});
});
