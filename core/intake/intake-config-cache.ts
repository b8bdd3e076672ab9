import { createHash } from 'node:crypto';

import type { Parsed } from '../signal/field-issue';
import { buildIntakeConfig, type IntakeConfig } from './intake-settings';

// A trigger builds its config on every request from the same settings and (cached) tokens; the
// validation and address lists are made once per distinct input instead. Keyed by a digest, so
// no token is a key; the oldest entry goes first once MAX_ENTRIES triggers' inputs are held.
const MAX_ENTRIES = 64;
const built = new Map<string, Parsed<IntakeConfig>>();

/** buildIntakeConfig(settings), remembered per settings; the result is shared, never to be changed. */
export function cachedIntakeConfig(settings: unknown): Parsed<IntakeConfig> {
	const key = createHash('sha256').update(JSON.stringify(settings)).digest('base64');
	const known = built.get(key);
	if (known) return known;
	const config = buildIntakeConfig(settings);
	built.set(key, config);
	if (built.size > MAX_ENTRIES) built.delete(built.keys().next().value as string);
	return config;
}
