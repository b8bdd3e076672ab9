import type { INodeProperties } from 'n8n-workflow';

/**
 * Where n8n draws a node's credential selectors: where this parameter stands in the property
 * list. Without it n8n draws them just above the last parameter a credential's display condition
 * names (Ledger, at the bottom of our panels). Nothing is stored for it.
 * See docs/design/runtime-facts.md, "The editor".
 */
export const credentialsSlot: INodeProperties = { displayName: '', name: 'credentials', type: 'credentials', default: '' };
