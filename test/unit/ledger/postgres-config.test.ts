import {
	DEFAULT_LEDGER_SCHEMA,
	ledgerPoolSize,
	POOL_SIZE_ENV,
	postgresConfigFromCredential,
	validLedgerSchema,
} from '../../../core/ledger/postgres/postgres-config';

// n8n's built-in `postgres` credential, as getCredentials returns it.
const CREDENTIAL = {
	host: 'db.example.internal',
	port: 5433,
	database: 'n8n',
	user: 'trader',
	password: 'not-a-real-password',
	ssl: 'disable',
	allowUnauthorizedCerts: false,
	sshTunnel: false,
	maxConnections: 100,
};

describe('postgresConfigFromCredential', () => {
	it('takes host, port, database, user and password, and no TLS when SSL is disable', () => {
		expect(postgresConfigFromCredential(CREDENTIAL)).toEqual({
			host: 'db.example.internal',
			port: 5433,
			database: 'n8n',
			user: 'trader',
			password: 'not-a-real-password',
			ssl: false,
		});
	});

	it.each(['allow', 'require', 'verify', 'verify-full'])('uses TLS with certificate checks for SSL %s', (ssl) => {
		expect(postgresConfigFromCredential({ ...CREDENTIAL, ssl }).ssl).toEqual({ rejectUnauthorized: true });
	});

	it('uses TLS without certificate checks when Ignore SSL Issues is on, whatever the SSL mode says', () => {
		expect(postgresConfigFromCredential({ ...CREDENTIAL, ssl: 'disable', allowUnauthorizedCerts: true }).ssl).toEqual({
			rejectUnauthorized: false,
		});
	});

	it('defaults a missing port to 5432, SSL to disable and the password to empty', () => {
		const { port, ssl, password, ...rest } = CREDENTIAL;
		expect({ port, ssl, password }).toBeTruthy();
		expect(postgresConfigFromCredential(rest)).toMatchObject({ port: 5432, ssl: false, password: '' });
		expect(postgresConfigFromCredential({ ...CREDENTIAL, port: '6543' }).port).toBe(6543);
	});

	it('takes a schema, trimmed, and leaves it out when not given', () => {
		expect(postgresConfigFromCredential(CREDENTIAL, ' trading ').schema).toBe('trading');
		expect(postgresConfigFromCredential(CREDENTIAL)).not.toHaveProperty('schema');
	});

	it('refuses what it cannot connect with', () => {
		expect(() => postgresConfigFromCredential({ ...CREDENTIAL, host: ' ' })).toThrow('needs a host');
		expect(() => postgresConfigFromCredential({ ...CREDENTIAL, database: undefined })).toThrow('needs a database');
		expect(() => postgresConfigFromCredential({ ...CREDENTIAL, user: '' })).toThrow('needs a user');
		expect(() => postgresConfigFromCredential({ ...CREDENTIAL, port: 70_000 })).toThrow('port must be');
		expect(() => postgresConfigFromCredential({ ...CREDENTIAL, ssl: 'prefer' })).toThrow('SSL mode must be one of');
		expect(() => postgresConfigFromCredential({ ...CREDENTIAL, sshTunnel: true })).toThrow('SSH tunnel');
	});
});

describe('validLedgerSchema', () => {
	it('defaults to tradingview_autotrade and refuses names PostgreSQL would cut or reject', () => {
		expect(DEFAULT_LEDGER_SCHEMA).toBe('tradingview_autotrade');
		expect(validLedgerSchema(undefined)).toBe('tradingview_autotrade');
		expect(validLedgerSchema('Mixed "Case"')).toBe('Mixed "Case"');
		expect(() => validLedgerSchema('  ')).toThrow('must not be empty');
		expect(() => validLedgerSchema('x'.repeat(64))).toThrow('longer than 63 bytes');
		expect(() => validLedgerSchema('a\0b')).toThrow('NUL');
	});
});

describe('ledgerPoolSize', () => {
	it('matches n8n worker concurrency by default and takes TRADINGVIEW_AUTOTRADE_PG_POOL_SIZE when usable', () => {
		expect(ledgerPoolSize({})).toBe(10);
		expect(ledgerPoolSize({ [POOL_SIZE_ENV]: ' 25 ' })).toBe(25);
		expect(ledgerPoolSize({ [POOL_SIZE_ENV]: '0' })).toBe(10);
		expect(ledgerPoolSize({ [POOL_SIZE_ENV]: '2.5' })).toBe(10);
		expect(ledgerPoolSize({ [POOL_SIZE_ENV]: 'many' })).toBe(10);
		expect(POOL_SIZE_ENV).toBe('TRADINGVIEW_AUTOTRADE_PG_POOL_SIZE');
	});
});
