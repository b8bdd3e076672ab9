// Tables and columns are the same in every backend; only the DDL dialect differs.
export const SQLITE_SCHEMA_VERSION = 1;

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
`;
