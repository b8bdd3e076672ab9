import type { ChildProcess } from 'node:child_process';

export interface LocalN8nOptions {
	nodeBinary: string;
	n8nBinary: string;
	userFolder: string;
	port?: number;
	encryptionKey: string;
	env?: Record<string, string>;
}

export declare function freePort(): Promise<number>;

export declare class LocalN8n {
	constructor(options: LocalN8nOptions);
	readonly nodeBinary: string;
	readonly userFolder: string;
	readonly logFile: string;
	port: number;
	brokerPort: number;
	child: ChildProcess | null;
	get baseUrl(): string;
	get n8nDatabase(): string;
	get ledgerPath(): string;
	env(): NodeJS.ProcessEnv;
	installPackage(tarball: string): Promise<void>;
	cli(args: string[]): Promise<string>;
	importCredentials(credentials: unknown[]): Promise<void>;
	importAndPublish(workflows: Array<{ id: string }>): Promise<void>;
	start(timeoutMs?: number): Promise<void>;
	stop(): Promise<void>;
	kill(): Promise<void>;
	waitForWebhook(path: string, timeoutMs?: number): Promise<void>;
	setUpOwner(owner: { email: string; firstName: string; lastName: string; password: string }): Promise<{ status: number; cookie: string }>;
}
