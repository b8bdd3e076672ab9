import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * This n8n process, as the ledger knows it: host, pid and a random part (a restarted process
 * with a recycled pid is a different process). Start marks carry it, heartbeats keep it alive,
 * and recovery takes an alert whose process stopped beating as stranded.
 */
export const PROCESS_ID = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export const HEARTBEAT_INTERVAL_MS = 5_000;

/** Six missed heartbeats: long enough for a busy event loop, short next to TradingView's pace. */
export const PROCESS_STOPPED_AFTER_MS = 30_000;
