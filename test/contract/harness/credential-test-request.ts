import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Sends a credential's `test` request to `baseUrl` the way n8n does for a credential whose
 * authenticate is a function: the request (its url, GET) passed through authenticate, then sent.
 * Returns the HTTP status and the JSON answer.
 */
export async function sendCredentialTest(credential: ICredentialType, data: ICredentialDataDecryptedObject, baseUrl: string): Promise<{ status: number; json: unknown }> {
	const request = credential.test?.request;
	if (request === undefined || typeof credential.authenticate !== 'function') throw new Error(`${credential.name} has no signed test request`);
	const signed = await credential.authenticate(data, { url: String(request.url), method: 'GET' } as IHttpRequestOptions);
	const answer = await fetch(`${baseUrl}${signed.url}`, { method: 'GET', headers: signed.headers as Record<string, string> });
	return { status: answer.status, json: await answer.json() };
}
