export interface DashboardNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: number[];
	parameters: Record<string, unknown>;
	webhookId?: string;
	notes?: string;
}

export interface DashboardWorkflow {
	name: string;
	nodes: DashboardNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
}

export declare function dashboardWorkflow(): DashboardWorkflow;
export declare const DASHBOARD_PATH: string;
export declare const DATA_KEYS: string[];
