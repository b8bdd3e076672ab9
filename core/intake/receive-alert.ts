import { deriveAlertId } from '../signal/alert-id';
import { describeConflict } from '../signal/conflicts';
import type { FieldIssue } from '../signal/field-issue';
import { checkFreshness } from '../signal/freshness';
import { normaliseAlert } from '../signal/normalise-alert';
import { parseAlertBody } from '../signal/parse-body';
import { redactText } from '../signal/redact';
import { resolveClientIp } from '../signal/source-ip';
import type { Admission, SignalLedger } from '../ledger/signal-ledger';
import { decodeBody } from './body-text';
import type { IntakeConfig } from './intake-settings';
import type { IntakeAnswer, IntakeResult, RejectedRequest, RejectionReason } from './intake-result';
import { RedactedBody } from './redacted-body';
import { authorisedWithBody, checkTokensBesideBody } from './token-gate';

export interface IntakeRequest {
	receivedAt: Date;
	rawBody: Buffer | string | undefined;
	headers: Record<string, string | string[] | undefined>;
	query: Record<string, unknown>;
	remoteAddress: string | undefined;
}

/** How the signal log stores a body: text as received, a parsed JSON body as JSON. */
const ledgerText = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body));

const REJECTION_STATUS: Record<RejectionReason, number> = {
	forbidden: 403,
	payload_too_large: 413,
	unauthorized: 401,
	invalid_alert: 400,
	conflicting_fields: 400,
	stale_alert: 422,
};

/** Reasons whose answer lists what was wrong; the others say no more than their name. */
const ANSWERED_WITH_DETAILS: ReadonlySet<RejectionReason> = new Set([
	'invalid_alert',
	'conflicting_fields',
	'stale_alert',
]);

const UNAUTHORIZED_DETAILS: FieldIssue[] = [{ field: 'token', message: 'missing or wrong token' }];

/**
 * Decides what happens to one request to the trigger: verify the source and the token, parse
 * and normalise the alert, refuse stale ones, and record it in the ledger (claiming its alertId
 * atomically) before the answer is written. It never throws: whatever goes wrong with a body is
 * answered 4xx, and only a ledger that cannot admit an alert is answered 5xx. A duplicate's
 * answer says whether the original's execution was marked started; with redelivery on, a resend
 * of one that never started is accepted again (see intake-settings).
 */
export async function receiveAlert(
	request: IntakeRequest,
	config: IntakeConfig,
	ledger: SignalLedger,
): Promise<IntakeResult> {
	const { receivedAt } = request;
	let sourceIp: string | null = null;
	let storedBody: unknown = '';
	let alertId: string | null = null;
	let authorised = false;

	const reject = async (reason: RejectionReason, issues: FieldIssue[]): Promise<IntakeResult> => {
		const status = REJECTION_STATUS[reason];
		// Conflict marks stay inside; a token that reached a message in any other way is hidden.
		const details = issues.map(({ field, message }) => ({
			field,
			message: redactText(message, [], config.tokens),
		}));
		const answerBody: Record<string, unknown> = { error: reason };
		if (ANSWERED_WITH_DETAILS.has(reason)) answerBody.details = details;
		if (reason === 'payload_too_large') answerBody.maxBytes = config.maxBodyBytes;
		const rejection: RejectedRequest = {
			reason,
			status,
			details,
			alertId,
			sourceIp,
			receivedAt: receivedAt.toISOString(),
			body: storedBody,
		};
		try {
			await ledger.recordRejectedSignal({
				receivedAt,
				scope: config.scope,
				sourceIp,
				alertId,
				body: ledgerText(storedBody),
				httpStatus: status,
				reason,
				details,
			});
		} catch {
			// The request is refused either way; a ledger outage must not turn a 4xx into a 5xx.
		}
		return { outcome: 'rejected', answer: { status, body: answerBody }, rejection };
	};

	try {
		sourceIp = resolveClientIp(request.remoteAddress, request.headers['x-forwarded-for'], config.trustedProxies);
		const rawText = decodeBody(request.rawBody);
		const redacted = new RedactedBody(rawText, config);
		const bodyBytes = Buffer.byteLength(rawText, 'utf8');
		const oversized = bodyBytes > config.maxBodyBytes;
		if (oversized) storedBody = `[${bodyBytes} bytes, over the ${config.maxBodyBytes}-byte limit: not stored]`;

		if (config.allowedIps && !(sourceIp && config.allowedIps.contains(sourceIp))) {
			if (!oversized) storedBody = redacted.text();
			return await reject('forbidden', [{ field: 'sourceIp', message: `${sourceIp ?? 'unknown'} is not allowed` }]);
		}
		if (oversized) {
			return await reject('payload_too_large', [
				{ field: 'body', message: `the body has ${bodyBytes} bytes; at most ${config.maxBodyBytes} are accepted` },
			]);
		}

		const besideBody = checkTokensBesideBody(request, config);
		if (besideBody.verdict === 'refused') {
			storedBody = redacted.text();
			return await reject('unauthorized', UNAUTHORIZED_DETAILS);
		}
		// A right header or query token is enough to be told what went wrong with the body.
		authorised = besideBody.verdict === 'authorised';

		const parsed = parseAlertBody(rawText);
		const parsedBody = parsed.ok ? parsed.value : null;
		storedBody = redacted.stored(parsedBody);

		if (!authorisedWithBody(besideBody.presented, parsedBody, config)) {
			return await reject('unauthorized', UNAUTHORIZED_DETAILS);
		}
		authorised = true;
		if (!parsed.ok) return await reject('invalid_alert', parsed.failure);
		if (parsed.value.placeholders.length) return await reject('invalid_alert', parsed.value.placeholders);
		if (parsed.value.conflicts.length) {
			const secrets = { tokenFields: config.tokenFields, tokens: config.tokens };
			return await reject(
				'conflicting_fields',
				parsed.value.conflicts.map((conflict) => describeConflict(conflict, secrets)),
			);
		}

		// Normalised from the redacted fields, so a token pasted into any other field cannot leak.
		const normalised = normaliseAlert(redacted.fields(parsed.value), {
			ignoreFields: config.tokenFields,
			allowNonAsciiSymbols: config.allowNonAsciiSymbols,
		});
		if (!normalised.ok) {
			const conflicting = normalised.failure.some((issue) => issue.conflict);
			return await reject(conflicting ? 'conflicting_fields' : 'invalid_alert', normalised.failure);
		}
		const { signal, senderAlertId } = normalised.value;
		alertId = deriveAlertId(senderAlertId, storedBody);

		const staleness = checkFreshness(signal.alertTime, receivedAt, config.maxAgeMs);
		if (staleness) return await reject('stale_alert', [staleness]);

		// What the trigger outputs; stored with the claim so recovery can re-emit it unchanged.
		const alert = { alertId, receivedAt: receivedAt.toISOString(), ...signal, raw: storedBody };
		let admission: Admission;
		try {
			admission = await ledger.admitAlert(
				{
					receivedAt,
					scope: config.scope,
					sourceIp,
					alertId,
					body: ledgerText(storedBody),
					item: alert,
				},
				{ dedupeWindowMs: config.dedupeWindowMs, redeliverAfterMs: config.redeliverAfterMs },
			);
		} catch (error) {
			const answer: IntakeAnswer = { status: 503, body: { error: 'ledger_unavailable' } };
			return { outcome: 'failed', answer, error: error as Error };
		}
		if (admission.outcome === 'duplicate') {
			const originalStarted = admission.original.started;
			const answer: IntakeAnswer = { status: 200, body: { status: 'duplicate', alertId, originalStarted } };
			return { outcome: 'duplicate', answer, alertId, originalStarted };
		}
		const redelivered = admission.redeliveryOf !== null;
		const answer: IntakeAnswer = {
			status: 200,
			body: redelivered ? { status: 'accepted', alertId, redelivered } : { status: 'accepted', alertId },
		};
		return {
			outcome: 'accepted',
			answer,
			alert,
			redelivered,
		};
	} catch {
		// A bug met by some body must not become a 500 that TradingView retries, nor reveal more
		// to a sender whose token was not yet seen to be right.
		if (!authorised) return await reject('unauthorized', UNAUTHORIZED_DETAILS);
		return await reject('invalid_alert', [{ field: 'body', message: 'the alert could not be read' }]);
	}
}
