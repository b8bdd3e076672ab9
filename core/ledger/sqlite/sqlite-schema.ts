// Every table of the embedded ledger. Tables and columns are the same in every backend (see
// postgres-schema.ts); only the DDL dialect differs.

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_meta (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS signal_log (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	received_at TEXT NOT NULL,
	scope TEXT NOT NULL,
	source_ip TEXT,
	outcome TEXT NOT NULL,
	http_status INTEGER NOT NULL,
	reason TEXT,
	alert_id TEXT,
	body TEXT NOT NULL,
	details TEXT
);
CREATE INDEX IF NOT EXISTS signal_log_received_at ON signal_log (received_at);
CREATE INDEX IF NOT EXISTS signal_log_scope_alert ON signal_log (scope, alert_id);
CREATE TABLE IF NOT EXISTS signal_claim (
	scope TEXT NOT NULL,
	alert_id TEXT NOT NULL,
	claimed_at_ms INTEGER NOT NULL,
	expires_at_ms INTEGER NOT NULL,
	PRIMARY KEY (scope, alert_id)
);
CREATE INDEX IF NOT EXISTS signal_claim_alert ON signal_claim (alert_id);
CREATE TABLE IF NOT EXISTS signal_start (
	alert_id TEXT PRIMARY KEY,
	started_at TEXT NOT NULL,
	started_at_ms INTEGER NOT NULL,
	started_by TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_fate (
	alert_id TEXT PRIMARY KEY,
	scope TEXT NOT NULL,
	accepted_at_ms INTEGER NOT NULL,
	item TEXT NOT NULL,
	stage TEXT NOT NULL,
	stage_at_ms INTEGER NOT NULL,
	stage_process TEXT,
	outcome TEXT,
	attempts INTEGER NOT NULL DEFAULT 0,
	recovery_reason TEXT
);
CREATE INDEX IF NOT EXISTS alert_fate_stage ON alert_fate (stage, stage_at_ms);
CREATE TABLE IF NOT EXISTS alert_sequence (
	seq INTEGER PRIMARY KEY AUTOINCREMENT,
	alert_id TEXT NOT NULL,
	workflow TEXT NOT NULL,
	symbol TEXT NOT NULL,
	accepted_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS alert_sequence_symbol ON alert_sequence (workflow, symbol, seq);
CREATE INDEX IF NOT EXISTS alert_sequence_alert ON alert_sequence (alert_id, seq);
CREATE TABLE IF NOT EXISTS alert_passage (
	alert_id TEXT NOT NULL,
	node TEXT NOT NULL,
	accepted_at_ms INTEGER NOT NULL,
	outcome TEXT NOT NULL,
	at_ms INTEGER NOT NULL,
	PRIMARY KEY (alert_id, node, accepted_at_ms)
);
CREATE TABLE IF NOT EXISTS ledger_process (
	process_id TEXT PRIMARY KEY,
	seen_at_ms INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS paper_account (
	account TEXT PRIMARY KEY,
	currency TEXT NOT NULL,
	starting_cash REAL NOT NULL,
	cash REAL NOT NULL,
	realised_pnl REAL NOT NULL,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS paper_position (
	account TEXT NOT NULL,
	symbol TEXT NOT NULL,
	quantity REAL NOT NULL,
	average_price REAL NOT NULL,
	updated_at TEXT NOT NULL,
	PRIMARY KEY (account, symbol)
);
CREATE TABLE IF NOT EXISTS paper_mark (
	account TEXT NOT NULL,
	symbol TEXT NOT NULL,
	price REAL NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (account, symbol)
);
CREATE TABLE IF NOT EXISTS paper_order (
	broker_order_id TEXT PRIMARY KEY,
	account TEXT NOT NULL,
	client_order_id TEXT NOT NULL,
	symbol TEXT NOT NULL,
	side TEXT NOT NULL,
	type TEXT NOT NULL,
	quantity REAL NOT NULL,
	limit_price REAL,
	stop_price REAL,
	time_in_force TEXT NOT NULL,
	reduce_only INTEGER NOT NULL DEFAULT 0,
	stop_triggered INTEGER NOT NULL DEFAULT 0,
	status TEXT NOT NULL,
	filled_quantity REAL NOT NULL,
	average_fill_price REAL,
	alert_id TEXT,
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	UNIQUE (account, client_order_id)
);
CREATE INDEX IF NOT EXISTS paper_order_account_status_symbol ON paper_order (account, status, symbol);
CREATE TABLE IF NOT EXISTS order_event (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	scope TEXT NOT NULL,
	broker TEXT NOT NULL,
	alert_id TEXT,
	client_order_id TEXT,
	kind TEXT NOT NULL,
	detail TEXT
);
CREATE INDEX IF NOT EXISTS order_event_alert ON order_event (alert_id);
CREATE INDEX IF NOT EXISTS order_event_client_order ON order_event (client_order_id);
CREATE TABLE IF NOT EXISTS order_claim (
	client_order_id TEXT PRIMARY KEY,
	scope TEXT NOT NULL,
	broker TEXT NOT NULL,
	alert_id TEXT,
	owner TEXT NOT NULL,
	claimed_at_ms INTEGER NOT NULL,
	state TEXT NOT NULL,
	settled_at TEXT,
	detail TEXT
);
CREATE TABLE IF NOT EXISTS risk_reservation (
	id TEXT PRIMARY KEY,
	book TEXT NOT NULL,
	symbol TEXT NOT NULL,
	alert_id TEXT,
	status TEXT NOT NULL,
	reserved_at_ms INTEGER NOT NULL,
	expires_at_ms INTEGER NOT NULL,
	settled_at TEXT,
	reason TEXT,
	detail TEXT
);
CREATE INDEX IF NOT EXISTS risk_reservation_book_time ON risk_reservation (book, reserved_at_ms);
CREATE INDEX IF NOT EXISTS risk_reservation_book_alert ON risk_reservation (book, alert_id);
CREATE TABLE IF NOT EXISTS risk_approval (
	id TEXT PRIMARY KEY,
	book TEXT NOT NULL,
	symbol TEXT NOT NULL,
	alert_id TEXT,
	reservation_id TEXT,
	approved_at_ms INTEGER NOT NULL,
	expires_at_ms INTEGER NOT NULL,
	envelope TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS risk_approval_time ON risk_approval (approved_at_ms);
CREATE TABLE IF NOT EXISTS risk_switch (
	name TEXT PRIMARY KEY,
	is_on INTEGER NOT NULL,
	reason TEXT,
	changed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS risk_day_mark (
	account_key TEXT NOT NULL,
	day TEXT NOT NULL,
	value REAL NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (account_key, day)
);
`;
