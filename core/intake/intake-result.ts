import type { FieldIssue } from '../signal/field-issue';
import type { NormalisedAlert } from '../signal/normalised-alert';

/** The HTTP answer the trigger writes before anything else happens. */
export interface IntakeAnswer {
	status: number;
	body: Record<string, unknown>;
}

export type RejectionReason =
	| 'forbidden'
	| 'payload_too_large'
	| 'unauthorized'
	| 'invalid_alert'
	/** One field given two values that disagree (a repeated key, two aliases, a pair and a sentence word). */
	| 'conflicting_fields'
	| 'stale_alert';

/** What the trigger's optional "Rejected" output receives: enough to tell someone why. */
export interface RejectedRequest {
	reason: RejectionReason;
	status: number;
	details: FieldIssue[];
	alertId: string | null;
	sourceIp: string | null;
	receivedAt: string;
	/** The body with every token replaced by "[redacted]". */
	body: unknown;
}

export type IntakeResult =
	/** `redelivered`: a resend accepted again because the original's execution never started. */
	| { outcome: 'accepted'; answer: IntakeAnswer; alert: NormalisedAlert; redelivered: boolean }
	/** `originalStarted`: whether an execution of the accepted original was marked started. */
	| { outcome: 'duplicate'; answer: IntakeAnswer; alertId: string; originalStarted: boolean }
	| { outcome: 'rejected'; answer: IntakeAnswer; rejection: RejectedRequest }
	/** Nothing was accepted (the ledger could not record it): the sender may resend. */
	| { outcome: 'failed'; answer: IntakeAnswer; error: Error };
