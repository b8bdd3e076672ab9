import type { IExecuteFunctions, NodeTypeAndVersion } from 'n8n-workflow';

// Which Broker Order nodes of the workflow handle the alerts of a trigger. With one Broker Order
// per account (an account group), the alert's fate is settled only when all of them are done
// with it (core/ledger/alert-passage.ts, docs/account-groups.md).

const TRIGGER_TYPES = ['.tradingViewTrigger', '.alertRecoveryTrigger'];

const isTrigger = (node: NodeTypeAndVersion): boolean => TRIGGER_TYPES.some((type) => node.type.endsWith(type));

/** A Broker Order node that places orders from alerts (Order → Place, its defaults). */
export function placesFromAlerts(node: { type: string; disabled?: boolean; parameters?: NodeTypeAndVersion['parameters'] }): boolean {
	if (!node.type.endsWith('.brokerOrder') || node.disabled) return false;
	const parameters = node.parameters ?? {};
	return (parameters.resource ?? 'order') === 'order' && (parameters.operation ?? 'place') === 'place';
}

function placingChildren(context: IExecuteFunctions, nodeName: string): string[] {
	return context
		.getChildNodes(nodeName, { includeNodeParameters: true })
		.filter(placesFromAlerts)
		.map((node) => node.name);
}

/**
 * The Broker Order nodes (names, sorted) that the alerts of this node's trigger reach: every one
 * must pass an alert before its fate is settled. Empty when none follows the trigger. When the
 * workflow cannot be read, only this node (if it is one): the behaviour of a single Broker Order.
 */
export function expectedBrokerOrders(context: IExecuteFunctions): string[] {
	const self = context.getNode();
	const names = new Set<string>();
	try {
		for (const trigger of context.getParentNodes(self.name).filter(isTrigger)) {
			for (const name of placingChildren(context, trigger.name)) names.add(name);
		}
	} catch {
		names.clear();
	}
	if (placesFromAlerts(self)) names.add(self.name);
	return [...names].sort();
}

/** The Broker Order nodes (names) after this node: a rejection here means they will not see the alert. */
export function brokerOrdersAfter(context: IExecuteFunctions): string[] {
	try {
		return placingChildren(context, context.getNode().name);
	} catch {
		return [];
	}
}

/** Whether any Broker Order node follows this node in the workflow: then it, not Risk Check, ends the alert's handling. */
export function brokerOrderFollows(context: IExecuteFunctions): boolean {
	try {
		return context.getChildNodes(context.getNode().name).some((child) => child.type.endsWith('.brokerOrder'));
	} catch {
		return true;
	}
}
