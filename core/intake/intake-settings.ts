import { z } from 'zod';

import type { FieldIssue, Parsed } from '../signal/field-issue';
import { type AddressList, parseAddressList } from '../signal/source-ip';
import { MIN_TOKEN_LENGTH } from '../signal/token-policy';

export const MAX_BODY_BYTES = 64 * 1024;

/** What the TradingView Trigger's parameters and credential configure. */
export const intakeSettingsSchema = z.object({
	/** Duplicates are detected per scope: `<workflowId>/<nodeId>`. */
	scope: z.string().min(1),
	tokens: z
		.array(z.string().min(MIN_TOKEN_LENGTH, `a token must have at least ${MIN_TOKEN_LENGTH} characters`))
		.min(1, 'the credential has no token'),
	tokenField: z
		.string()
		.trim()
		.regex(/^[A-Za-z0-9_-]+$/, 'the token field name may hold only letters, digits, "-" and "_"'),
	maxAlertAgeSeconds: z.number().finite().min(0),
	duplicateWindowMinutes: z.number().finite().min(0),
	/**
	 * Off (0) by default: only Risk Check and Broker Order mark an alert started, so in a flow
	 * without them every resend older than this would be accepted again and run the flow twice.
	 * Where they are, a redelivery cannot order twice: Risk Check reuses the alert id's
	 * reservation and Broker Order's client order ids, derived from the alert id, are claimed once.
	 */
	redeliverIfNotStartedAfterSeconds: z.number().finite().min(0).default(0),
	restrictSourceIps: z.boolean(),
	allowedIps: z.string(),
	trustedProxies: z.string(),
	retentionDays: z.number().finite().min(0),
	allowNonAsciiSymbols: z.boolean().default(false),
});

/** The settings as given: options with a default may be left out. */
export type IntakeSettings = z.input<typeof intakeSettingsSchema>;

export interface IntakeConfig {
	scope: string;
	tokens: string[];
	/** Body fields that carry a token: the configured one and `passphrase`. */
	tokenFields: string[];
	maxAgeMs: number;
	dedupeWindowMs: number;
	/** A resend of an accepted alert whose execution never started is accepted again after this; 0 = never. */
	redeliverAfterMs: number;
	allowedIps: AddressList | null;
	trustedProxies: AddressList;
	maxBodyBytes: number;
	retentionDays: number;
	/** Whether a symbol may hold characters beyond printable ASCII (look-alike letters). */
	allowNonAsciiSymbols: boolean;
}

export function buildIntakeConfig(input: unknown): Parsed<IntakeConfig> {
	const parsed = intakeSettingsSchema.safeParse(input);
	if (!parsed.success) {
		return {
			ok: false,
			failure: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
		};
	}
	const settings = parsed.data;
	const issues: FieldIssue[] = [];
	const allowed = parseAddressList(settings.allowedIps, 'allowedIps');
	const proxies = parseAddressList(settings.trustedProxies, 'trustedProxies');
	if (!allowed.ok) issues.push(...allowed.failure);
	if (!proxies.ok) issues.push(...proxies.failure);
	if (allowed.ok && settings.restrictSourceIps && allowed.value.entries.length === 0) {
		issues.push({ field: 'allowedIps', message: 'source IPs are restricted but none is allowed' });
	}
	if (!allowed.ok || !proxies.ok || issues.length) return { ok: false, failure: issues };
	return {
		ok: true,
		value: {
			scope: settings.scope,
			tokens: settings.tokens,
			tokenFields: [...new Set([settings.tokenField, 'passphrase'])],
			maxAgeMs: settings.maxAlertAgeSeconds * 1000,
			dedupeWindowMs: settings.duplicateWindowMinutes * 60_000,
			redeliverAfterMs: settings.redeliverIfNotStartedAfterSeconds * 1000,
			allowedIps: settings.restrictSourceIps ? allowed.value : null,
			trustedProxies: proxies.value,
			maxBodyBytes: MAX_BODY_BYTES,
			retentionDays: settings.retentionDays,
			allowNonAsciiSymbols: settings.allowNonAsciiSymbols,
		},
	};
}
