import { approvalEnvelopeSchema, type ApprovalEnvelope } from '../order/approval-envelope';
import type { RiskStore } from '../ledger/risk-store';
import type { Result } from '../util/result';

/** What an item says about Risk Check: nothing (no Risk Check upstream), or its verdict and approval id. */
export type RiskMark = { present: false } | { present: true; passed: boolean; approvalId: string | null };

export function riskMarkOf(json: unknown): RiskMark {
	const risk = (json as { risk?: unknown } | null)?.risk;
	if (risk === undefined || risk === null || typeof risk !== 'object') return { present: false };
	const { passed, approval } = risk as { passed?: unknown; approval?: { id?: unknown } | null };
	const id = approval?.id;
	return { present: true, passed: passed === true, approvalId: typeof id === 'string' && id !== '' ? id : null };
}

/** The envelope (null: no Risk Check upstream), or why the item must not be sent. */
export type ApprovedEnvelope = Result<ApprovalEnvelope | null, string>;

/**
 * The envelope Broker Order must keep to for an item: none without a Risk Check upstream; else
 * the approval stored in the ledger, which must exist, be current and be well-formed. An item
 * Risk Check rejected, or one whose approval cannot be found, is never sent.
 */
export async function approvedEnvelopeFor(json: unknown, store: RiskStore, at: Date): Promise<ApprovedEnvelope> {
	const mark = riskMarkOf(json);
	if (!mark.present) return { ok: true, value: null };
	if (!mark.passed) return { ok: false, failure: 'Risk Check rejected this item (risk.passed is not true)' };
	if (mark.approvalId === null) return { ok: false, failure: 'the item passed Risk Check but carries no risk.approval.id: run it through Risk Check again' };
	const approval = await store.getApproval(mark.approvalId);
	if (!approval) {
		return { ok: false, failure: `Risk Check's approval ${mark.approvalId} is not in this node's ledger: give Risk Check and Broker Order the same Ledger setting` };
	}
	if (Date.parse(approval.expiresAt) <= at.getTime()) {
		return { ok: false, failure: `Risk Check's approval expired at ${approval.expiresAt} (Reservation Expires After): run the alert through Risk Check again` };
	}
	const envelope = approvalEnvelopeSchema.safeParse(approval.envelope);
	if (!envelope.success) return { ok: false, failure: `Risk Check's approval ${mark.approvalId} has no readable envelope` };
	return { ok: true, value: envelope.data };
}
