/** The request body as text, decoded here once (UTF-8); no body is an empty one. */
export function decodeBody(raw: Buffer | string | undefined): string {
	if (raw === undefined) return '';
	return typeof raw === 'string' ? raw : raw.toString('utf8');
}
