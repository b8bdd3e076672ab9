import { LEDGER_SCHEMA_VERSION } from '../ledger-schema';
import { quoteIdentifier, type PostgresDatabase } from './postgres-database';

// The SQLite ledger's tables and columns in PostgreSQL's dialect: ids and *_ms columns are BIGINT,
// REAL is DOUBLE PRECISION, times stay ISO 8601 TEXT and JSON stays TEXT, as in SQLite. Text that
// is ordered or compared by range uses the "C" collation, which is SQLite's byte order.

const LEDGER_TABLES = [
	'ledger_meta',
	'signal_log',
	'signal_claim',
	'signal_start',
	'alert_fate',
	'alert_sequence',
	'alert_passage',
	'ledger_process',
	'order_event',
	'order_claim',
	'paper_account',
	'paper_position',
	'paper_mark',
	'paper_order',
	'risk_reservation',
	'risk_approval',
	'risk_switch',
	'risk_day_mark',
];

function schemaSql(db: PostgresDatabase): string {
	const t = (name: string): string => db.table(name);
	return `
CREATE TABLE IF NOT EXISTS ${t('ledger_meta')} (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t('signal_log')} (
	id BIGSERIAL PRIMARY KEY,
	received_at TEXT COLLATE "C" NOT NULL,
	scope TEXT NOT NULL,
	source_ip TEXT,
	outcome TEXT NOT NULL,
	http_status INTEGER NOT NULL,
	reason TEXT,
	alert_id TEXT,
	body TEXT NOT NULL,
	details TEXT
);
CREATE INDEX IF NOT EXISTS signal_log_received_at ON ${t('signal_log')} (received_at);
CREATE INDEX IF NOT EXISTS signal_log_scope_alert ON ${t('signal_log')} (scope, alert_id);
CREATE TABLE IF NOT EXISTS ${t('signal_claim')} (
	scope TEXT NOT NULL,
	alert_id TEXT NOT NULL,
	claimed_at_ms BIGINT NOT NULL,
	expires_at_ms BIGINT NOT NULL,
	PRIMARY KEY (scope, alert_id)
);
CREATE INDEX IF NOT EXISTS signal_claim_alert ON ${t('signal_claim')} (alert_id);
CREATE TABLE IF NOT EXISTS ${t('signal_start')} (
	alert_id TEXT PRIMARY KEY,
	started_at TEXT NOT NULL,
	started_at_ms BIGINT NOT NULL,
	started_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t('alert_fate')} (
	alert_id TEXT PRIMARY KEY,
	scope TEXT NOT NULL,
	accepted_at_ms BIGINT NOT NULL,
	item TEXT NOT NULL,
	stage TEXT NOT NULL,
	stage_at_ms BIGINT NOT NULL,
	stage_process TEXT,
	outcome TEXT,
	attempts INTEGER NOT NULL DEFAULT 0,
	recovery_reason TEXT
);
CREATE INDEX IF NOT EXISTS alert_fate_stage ON ${t('alert_fate')} (stage, stage_at_ms);
CREATE TABLE IF NOT EXISTS ${t('alert_sequence')} (
	seq BIGSERIAL PRIMARY KEY,
	alert_id TEXT NOT NULL,
	workflow TEXT NOT NULL,
	symbol TEXT NOT NULL,
	accepted_at_ms BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_sequence_symbol ON ${t('alert_sequence')} (workflow, symbol, seq);
CREATE INDEX IF NOT EXISTS alert_sequence_alert ON ${t('alert_sequence')} (alert_id, seq);
CREATE TABLE IF NOT EXISTS ${t('alert_passage')} (
	alert_id TEXT NOT NULL,
	node TEXT NOT NULL,
	accepted_at_ms BIGINT NOT NULL,
	outcome TEXT NOT NULL,
	at_ms BIGINT NOT NULL,
	PRIMARY KEY (alert_id, node, accepted_at_ms)
);
CREATE TABLE IF NOT EXISTS ${t('ledger_process')} (
	process_id TEXT PRIMARY KEY,
	seen_at_ms BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t('order_event')} (
	id BIGSERIAL PRIMARY KEY,
	at TEXT COLLATE "C" NOT NULL,
	scope TEXT NOT NULL,
	broker TEXT NOT NULL,
	alert_id TEXT,
	client_order_id TEXT,
	kind TEXT NOT NULL,
	detail TEXT
);
CREATE INDEX IF NOT EXISTS order_event_alert ON ${t('order_event')} (alert_id);
CREATE INDEX IF NOT EXISTS order_event_client_order ON ${t('order_event')} (client_order_id);
CREATE TABLE IF NOT EXISTS ${t('order_claim')} (
	client_order_id TEXT PRIMARY KEY,
	scope TEXT NOT NULL,
	broker TEXT NOT NULL,
	alert_id TEXT,
	owner TEXT NOT NULL,
	claimed_at_ms BIGINT NOT NULL,
	state TEXT NOT NULL,
	settled_at TEXT,
	detail TEXT
);
CREATE TABLE IF NOT EXISTS ${t('paper_account')} (
	account TEXT PRIMARY KEY,
	currency TEXT NOT NULL,
	starting_cash DOUBLE PRECISION NOT NULL,
	cash DOUBLE PRECISION NOT NULL,
	realised_pnl DOUBLE PRECISION NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t('paper_position')} (
	account TEXT NOT NULL,
	symbol TEXT COLLATE "C" NOT NULL,
	quantity DOUBLE PRECISION NOT NULL,
	average_price DOUBLE PRECISION NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (account, symbol)
);
CREATE TABLE IF NOT EXISTS ${t('paper_mark')} (
	account TEXT NOT NULL,
	symbol TEXT NOT NULL,
	price DOUBLE PRECISION NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (account, symbol)
);
-- rowid is SQLite's implicit row number made explicit: the order in which orders were placed.
CREATE TABLE IF NOT EXISTS ${t('paper_order')} (
	rowid BIGSERIAL NOT NULL UNIQUE,
	broker_order_id TEXT PRIMARY KEY,
	account TEXT NOT NULL,
	client_order_id TEXT NOT NULL,
	symbol TEXT NOT NULL,
	side TEXT NOT NULL,
	type TEXT NOT NULL,
	quantity DOUBLE PRECISION NOT NULL,
	limit_price DOUBLE PRECISION,
	stop_price DOUBLE PRECISION,
	time_in_force TEXT NOT NULL,
	reduce_only INTEGER NOT NULL DEFAULT 0,
	stop_triggered INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL,
	filled_quantity DOUBLE PRECISION NOT NULL,
	average_fill_price DOUBLE PRECISION,
	alert_id TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (account, client_order_id)
);
CREATE INDEX IF NOT EXISTS paper_order_account_status_symbol ON ${t('paper_order')} (account, status, symbol);
CREATE TABLE IF NOT EXISTS ${t('risk_reservation')} (
	id TEXT COLLATE "C" PRIMARY KEY,
	book TEXT NOT NULL,
	symbol TEXT NOT NULL,
	alert_id TEXT,
	status TEXT NOT NULL,
	reserved_at_ms BIGINT NOT NULL,
	expires_at_ms BIGINT NOT NULL,
	settled_at TEXT,
	reason TEXT,
	detail TEXT
);
CREATE INDEX IF NOT EXISTS risk_reservation_book_time ON ${t('risk_reservation')} (book, reserved_at_ms);
CREATE INDEX IF NOT EXISTS risk_reservation_book_alert ON ${t('risk_reservation')} (book, alert_id);
CREATE TABLE IF NOT EXISTS ${t('risk_approval')} (
	id TEXT COLLATE "C" PRIMARY KEY,
	book TEXT NOT NULL,
	symbol TEXT NOT NULL,
	alert_id TEXT,
	reservation_id TEXT,
	approved_at_ms BIGINT NOT NULL,
	expires_at_ms BIGINT NOT NULL,
	envelope TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS risk_approval_time ON ${t('risk_approval')} (approved_at_ms);
CREATE TABLE IF NOT EXISTS ${t('risk_switch')} (
	name TEXT PRIMARY KEY,
	is_on INTEGER NOT NULL,
	reason TEXT,
	changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS ${t('risk_day_mark')} (
	account_key TEXT NOT NULL,
	day TEXT NOT NULL,
	value DOUBLE PRECISION NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (account_key, day)
);
`;
}

/**
 * Creates the ledger's schema and tables when missing. Several n8n processes may open the ledger
 * at once, and concurrent CREATE ... IF NOT EXISTS can still collide in PostgreSQL's catalogs, so
 * the whole creation runs under one advisory lock. What already exists is used as it is, without
 * a CREATE: PostgreSQL checks the right to create before it checks existence, and a DBA may have
 * made the schema (or the tables) for a user that may only use them.
 */
export async function ensurePostgresSchema(db: PostgresDatabase): Promise<void> {
	await db.transaction(async (client) => {
		await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [db.lockKey('schema')]);
		const existing = await client.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1', [
			db.schema,
		]);
		const tables = new Set(existing.rows.map((row) => row.tablename));
		if (LEDGER_TABLES.every((name) => tables.has(name))) return;
		const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [db.schema]);
		if (schema.rowCount === 0) await client.query(`CREATE SCHEMA ${quoteIdentifier(db.schema)}`);
		await client.query(schemaSql(db));
		await client.query(
			`INSERT INTO ${db.table('ledger_meta')} (key, value) VALUES ('schema_version', $1) ON CONFLICT (key) DO NOTHING`,
			[String(LEDGER_SCHEMA_VERSION)],
		);
	});
}
