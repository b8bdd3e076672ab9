// The Risk Check node's state: order reservations counted by its rate limits, and kill switches.
// A reservation is made by an atomic check-and-reserve, so a limit of N admits exactly N of any
// number of concurrent alerts, in one process or in several sharing the store.

/** One counting rule checked inside the reservation's transaction. */
export interface CounterLimit {
	/** Machine code reported when the limit is reached, e.g. `max_orders_per_day`. */
	code: string;
	/** Count only this symbol's reservations; null counts every symbol. */
	symbol: string | null;
	/** Count reservations made at or after this instant (epoch ms). */
	sinceMs: number;
	/** Live reservations allowed in that span: a new one needs fewer than `max` already. */
	max: number;
}

export interface ReserveRequest {
	/** Whose counters: a Risk Check node (`<workflowId>/<nodeId>`) or a name several nodes share. */
	book: string;
	symbol: string;
	/** The same alert asking again (an execution retried) gets its live reservation back. */
	alertId: string | null;
	at: Date;
	/** A reservation not confirmed by then stops counting. */
	expiresAt: Date;
	limits: CounterLimit[];
	/** Refuse while this kill switch is on; null when the switch does not apply (an exit). */
	killSwitch: string | null;
	/** What was reserved, kept for the audit trail (side, quantity, action). */
	detail: unknown;
}

export interface LimitBreach {
	code: string;
	/** Live reservations counted in the limit's span. */
	count: number;
	max: number;
}

export interface KillSwitchState {
	name: string;
	on: boolean;
	reason: string | null;
	/** ISO time of the last change, null when it was never set. */
	changedAt: string | null;
}

export type ReserveResult =
	| { reserved: true; reservationId: string; repeated: boolean }
	| { reserved: false; breaches: LimitBreach[]; killSwitch: KillSwitchState | null };

export type ReservationStatus = 'reserved' | 'confirmed' | 'released';

export interface StoredReservation {
	id: string;
	book: string;
	symbol: string;
	alertId: string | null;
	status: ReservationStatus;
	reservedAt: string;
	expiresAt: string;
	/** When it was confirmed or released. */
	settledAt: string | null;
	reason: string | null;
	detail: unknown;
}

/** What Risk Check approved for one item; Broker Order sends nothing outside its envelope. */
export interface ApprovalRequest {
	book: string;
	symbol: string;
	alertId: string | null;
	/** The counter reservation made with it, if the item was an entry under counters or a kill switch. */
	reservationId: string | null;
	at: Date;
	/** Broker Order refuses to act on the approval after this. */
	expiresAt: Date;
	envelope: unknown;
}

export interface StoredApproval {
	id: string;
	book: string;
	symbol: string;
	alertId: string | null;
	reservationId: string | null;
	approvedAt: string;
	expiresAt: string;
	envelope: unknown;
}

export interface RiskStore {
	/**
	 * In one atomic step: refuses when the kill switch is on or any limit is reached (reporting
	 * every one), else stores a reservation that counts from then on. Counted are reservations
	 * that are confirmed, or reserved and not yet expired; released ones never count.
	 */
	reserve(request: ReserveRequest): Promise<ReserveResult>;
	/** The order was placed: the reservation counts for good. Null when the id is unknown. */
	confirm(reservationId: string, at: Date): Promise<StoredReservation | null>;
	/** The order failed or was not sent: the reservation stops counting. A confirmed one stays. */
	release(reservationId: string, at: Date, reason: string): Promise<StoredReservation | null>;
	getReservation(reservationId: string): Promise<StoredReservation | null>;
	listReservations(query?: { book?: string; alertId?: string; limit?: number }): Promise<StoredReservation[]>;
	/** A switch never set is off. */
	getKillSwitch(name: string): Promise<KillSwitchState>;
	setKillSwitch(name: string, on: boolean, reason: string | null, at: Date): Promise<KillSwitchState>;
	/**
	 * Records `value` as the account's figure at the start of local `day` unless one is already
	 * recorded (first write wins, atomically); returns the recorded one.
	 */
	markDayStart(accountKey: string, day: string, value: number, at: Date): Promise<number>;
	recordApproval(request: ApprovalRequest): Promise<StoredApproval>;
	getApproval(approvalId: string): Promise<StoredApproval | null>;
	/** Deletes reservations and approvals made before `cutoff`; returns rows removed. */
	purgeReservationsBefore(cutoff: Date): Promise<number>;
}
