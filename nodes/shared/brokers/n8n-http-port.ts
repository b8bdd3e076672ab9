import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import type { HttpPort, HttpRequest, HttpResponse } from '../../../core/brokers/http-port';

/** Broker adapters reach HTTP through n8n's own request helper (proxy settings, logging). */
export function n8nHttpPort(context: IExecuteFunctions): HttpPort {
	return {
		async send(request: HttpRequest): Promise<HttpResponse> {
			const response = (await context.helpers.httpRequest({
				method: request.method as IHttpRequestMethods,
				url: request.url,
				headers: request.headers,
				qs: request.query,
				body: request.body as IDataObject | undefined,
				json: true,
				timeout: request.timeoutMs ?? 15_000,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(response.headers ?? {})) headers[name.toLowerCase()] = String(value);
			return { status: response.statusCode, headers, body: response.body ?? '' };
		},
	};
}
