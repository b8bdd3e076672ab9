import type { IExecuteFunctions, NodeTypeAndVersion } from 'n8n-workflow';

import { expectedBrokerOrders } from '../../../nodes/shared/alert-handlers';
import { alertMarksFor, markAlertSettled } from '../../../nodes/shared/mark-started';
import { useTempSqliteLedger } from '../ledger/temp-ledger-dir';

const PACKAGE = 'n8n-nodes-tradingview-autotrade';

type GraphNode = { type: string; parameters?: Record<string, string>; disabled?: boolean; to?: string[] };

/**
 * An account group: the trigger fans out to a Risk Check and a Broker Order per account, a Switch
 * sends price alerts to Price → Update, and a disabled Broker Order and a Reconcile hang off it too.
 */
const GROUP: Record<string, GraphNode> = {
	Trigger: { type: `${PACKAGE}.tradingViewTrigger`, to: ['Risk A', 'Risk B', 'Switch'] },
	'Risk A': { type: `${PACKAGE}.riskCheck`, to: ['Account A'] },
	'Risk B': { type: `${PACKAGE}.riskCheck`, to: ['Account B', 'Notify'] },
	'Account A': { type: `${PACKAGE}.brokerOrder`, parameters: { broker: 'paper' } },
	'Account B': { type: `${PACKAGE}.brokerOrder`, parameters: { broker: 'alpaca', resource: 'order', operation: 'place' } },
	Notify: { type: 'n8n-nodes-base.noOp' },
	Switch: { type: 'n8n-nodes-base.switch', to: ['Price', 'Off', 'Reconcile'] },
	Price: { type: `${PACKAGE}.brokerOrder`, parameters: { resource: 'price', operation: 'update' } },
	Off: { type: `${PACKAGE}.brokerOrder`, disabled: true },
	Reconcile: { type: `${PACKAGE}.brokerOrder`, parameters: { resource: 'position', operation: 'reconcile' } },
};

function describeNode(name: string, graph: Record<string, GraphNode>): NodeTypeAndVersion {
	const node = graph[name];
	return { name, type: node.type, typeVersion: 1, disabled: node.disabled ?? false, parameters: node.parameters ?? {} };
}

function below(name: string, graph: Record<string, GraphNode>, seen = new Set<string>()): string[] {
	for (const child of graph[name].to ?? []) {
		if (seen.has(child)) continue;
		seen.add(child);
		below(child, graph, seen);
	}
	return [...seen];
}

/** The parts of an execution context the settle mark reads, for node `name` of `graph`. */
function nodeContext(name: string, graph: Record<string, GraphNode> = GROUP): IExecuteFunctions {
	return {
		getNode: () => ({ id: `id-${name}`, ...describeNode(name, graph) }),
		getChildNodes: (of: string) => below(of, graph).map((child) => describeNode(child, graph)),
		getParentNodes: (of: string) => Object.keys(graph).filter((parent) => below(parent, graph).includes(of)).map((parent) => describeNode(parent, graph)),
		logger: { warn: () => undefined },
	} as unknown as IExecuteFunctions;
}

describe('the Broker Orders an alert must pass', () => {
	it('are the Broker Orders placing from alerts below the trigger: not Price Update, Reconcile or a disabled one', () => {
		expect(expectedBrokerOrders(nodeContext('Account B'))).toEqual(['Account A', 'Account B']);
		expect(expectedBrokerOrders(nodeContext('Risk A'))).toEqual(['Account A', 'Account B']);
	});
});

describe('markAlertSettled in an account group', () => {
	const temp = useTempSqliteLedger();
	const accept = async (alertId: string) => {
		await temp.ledger().signals.admitAlert(
			{ receivedAt: new Date(), scope: 'wf-1/trigger', sourceIp: null, body: '{}', alertId, item: { alertId, symbol: 'AAPL', action: 'buy' } },
			{ dedupeWindowMs: 60_000, redeliverAfterMs: 0 },
		);
	};
	const fate = async (alertId: string) => await temp.ledger().fates.fateOf(alertId);

	it('settles the alert only after both accounts passed it, with the combined outcome', async () => {
		await accept('a-1');
		await markAlertSettled(nodeContext('Account A'), temp.ledger(), 'a-1', 'ordered');
		expect((await fate('a-1'))?.stage).toBe('accepted');
		await markAlertSettled(nodeContext('Account B'), temp.ledger(), 'a-1', 'no_order');
		expect(await fate('a-1')).toMatchObject({ stage: 'settled', outcome: 'ordered' });
	});

	it("takes a Risk Check's rejection as the passage of the Broker Orders after it, and nothing for a pass", async () => {
		await accept('a-2');
		await markAlertSettled(nodeContext('Risk B'), temp.ledger(), 'a-2', 'rejected');
		await markAlertSettled(nodeContext('Risk A'), temp.ledger(), 'a-2', 'passed');
		expect((await fate('a-2'))?.stage).toBe('accepted');
		await markAlertSettled(nodeContext('Account A'), temp.ledger(), 'a-2', 'ordered');
		expect(await fate('a-2')).toMatchObject({ stage: 'settled', outcome: 'ordered' });
	});

	it('settles at once at Price Update, and in a workflow with one Broker Order or none', async () => {
		await accept('price');
		await markAlertSettled(nodeContext('Price'), temp.ledger(), 'price', 'no_order');
		expect(await fate('price')).toMatchObject({ stage: 'settled', outcome: 'no_order' });

		const single: Record<string, GraphNode> = { Trigger: { type: `${PACKAGE}.tradingViewTrigger`, to: ['Broker'] }, Broker: { type: `${PACKAGE}.brokerOrder` } };
		await accept('single');
		await markAlertSettled(nodeContext('Broker', single), temp.ledger(), 'single', 'failed');
		expect(await fate('single')).toMatchObject({ stage: 'settled', outcome: 'failed' });

		const riskOnly: Record<string, GraphNode> = { Trigger: { type: `${PACKAGE}.tradingViewTrigger`, to: ['Risk'] }, Risk: { type: `${PACKAGE}.riskCheck` } };
		await accept('risk-only');
		await markAlertSettled(nodeContext('Risk', riskOnly), temp.ledger(), 'risk-only', 'passed');
		expect(await fate('risk-only')).toMatchObject({ stage: 'settled', outcome: 'passed' });
	});

	it('read the graph once for all items of one node execution', async () => {
		const context = nodeContext('Account A');
		let graphReads = 0;
		const children = context.getChildNodes.bind(context);
		context.getChildNodes = (...args: Parameters<IExecuteFunctions['getChildNodes']>) => {
			graphReads += 1;
			return children(...args);
		};
		const marks = alertMarksFor(context, temp.ledger(), 'Broker Order');
		for (const alertId of ['g-1', 'g-2', 'g-3']) {
			await accept(alertId);
			await marks.settled(alertId, 'ordered');
		}
		const perExecution = graphReads;
		expect(perExecution).toBeGreaterThan(0);
		await markAlertSettled(context, temp.ledger(), 'g-1', 'ordered');
		expect(graphReads).toBe(2 * perExecution);
		expect((await fate('g-3'))?.stage).toBe('accepted');
	});
});
