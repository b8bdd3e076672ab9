// The version of the ledger's tables, the same in every backend; stored as ledger_meta's schema_version.
export const LEDGER_SCHEMA_VERSION = 1;
