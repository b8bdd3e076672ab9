import type { IDataObject } from 'n8n-workflow';

interface IncomingBody {
	rawBody?: Buffer | string;
	/** n8n's own reader (size-limited), present on every webhook request. */
	readRawBody?: () => Promise<void>;
}

/**
 * Reads the bytes n8n left unread. For a version-2 trigger n8n reads only the content types it
 * parses (JSON, text, form, XML); a body sent with another or no Content-Type is read here.
 */
export async function readUnreadBody(request: IncomingBody): Promise<void> {
	if (request.rawBody !== undefined || typeof request.readRawBody !== 'function') return;
	try {
		await request.readRawBody();
	} catch {
		// An aborted or unreadable body is an empty one; the intake answers it as such.
	}
}

/**
 * The body exactly as sent, still undecoded (the intake decodes it). n8n keeps the raw bytes for
 * JSON and text requests; for a content type it does not read, fall back to what it parsed.
 */
export function requestBody(request: IncomingBody, parsed: IDataObject | string): Buffer | string {
	if (request.rawBody !== undefined) return request.rawBody;
	if (typeof parsed === 'string') return parsed;
	return parsed && Object.keys(parsed).length > 0 ? JSON.stringify(parsed) : '';
}
