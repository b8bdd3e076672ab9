import type { IDataObject } from 'n8n-workflow';

/**
 * The body exactly as sent. n8n keeps the raw bytes for JSON and text requests; for a content
 * type it does not read, fall back to what it parsed.
 */
export function requestBodyText(request: { rawBody?: Buffer | string }, parsed: IDataObject | string): string {
	if (request.rawBody !== undefined) {
		return typeof request.rawBody === 'string' ? request.rawBody : request.rawBody.toString('utf8');
	}
	if (typeof parsed === 'string') return parsed;
	return parsed && Object.keys(parsed).length > 0 ? JSON.stringify(parsed) : '';
}
