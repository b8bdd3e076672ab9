import { EXTRAS_KEY } from './field-aliases';
import type { FieldReader } from './field-reader';
import { isForbiddenKey, isPlainObject, setOwn } from './safe-object';

/**
 * The fields the normaliser did not use, kept as sent. TradersPost's `extras` object is merged in
 * first, so a top-level field of the same name wins.
 */
export function collectExtra(
	reader: FieldReader,
	isIgnored: (key: string) => boolean,
): Record<string, unknown> {
	const extra: Record<string, unknown> = {};
	const keep = (key: string, value: unknown) => {
		if (!isIgnored(key) && !isForbiddenKey(key)) setOwn(extra, key, value);
	};
	const extras = reader.take(EXTRAS_KEY);
	if (isPlainObject(extras)) {
		for (const [key, value] of Object.entries(extras)) keep(key, value);
	} else if (extras !== undefined) {
		keep(EXTRAS_KEY, extras);
	}
	for (const [key, value] of reader.unusedEntries()) keep(key, value);
	return extra;
}
