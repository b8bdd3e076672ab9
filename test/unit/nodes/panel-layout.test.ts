import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { NodeHelpers, type ICredentialType, type INodeParameters, type INodeProperties, type INodeTypeDescription } from 'n8n-workflow';

import { ALTERNATIVE_TOKEN_FIELD, TOKEN_HEADER, TOKEN_QUERY_PARAMETER } from '../../../core/signal/token-check';
import { AlpacaApi } from '../../../credentials/AlpacaApi.credentials';
import { BinanceApi } from '../../../credentials/BinanceApi.credentials';
import { BybitApi } from '../../../credentials/BybitApi.credentials';
import { CryptoExchangeApi } from '../../../credentials/CryptoExchangeApi.credentials';
import { OandaApi } from '../../../credentials/OandaApi.credentials';
import { OkxApi } from '../../../credentials/OkxApi.credentials';
import { TradingViewWebhookApi } from '../../../credentials/TradingViewWebhookApi.credentials';
import { TradovateApi } from '../../../credentials/TradovateApi.credentials';
import { AlertRecoveryTrigger } from '../../../nodes/AlertRecoveryTrigger/AlertRecoveryTrigger.node';
import { BrokerOrder } from '../../../nodes/BrokerOrder/BrokerOrder.node';
import { RiskCheck } from '../../../nodes/RiskCheck/RiskCheck.node';
import { TradingLedger } from '../../../nodes/TradingLedger/TradingLedger.node';
import { TradingViewTrigger } from '../../../nodes/TradingViewTrigger/TradingViewTrigger.node';

// What a user sees in each node's parameter panel: the order of the parameters, where n8n draws
// the credential selector, the trigger's notice, and the icons. Saved workflows must keep working,
// so every parameter path released so far must still exist.

const ROOT = join(__dirname, '..', '..', '..');
const NODES = {
	'TradingView Trigger': { description: new TradingViewTrigger().description, folder: 'nodes/TradingViewTrigger' },
	'Risk Check': { description: new RiskCheck().description, folder: 'nodes/RiskCheck' },
	'Broker Order': { description: new BrokerOrder().description, folder: 'nodes/BrokerOrder' },
	'TradingView Alert Recovery Trigger': { description: new AlertRecoveryTrigger().description, folder: 'nodes/AlertRecoveryTrigger' },
	'TradingView Ledger': { description: new TradingLedger().description, folder: 'nodes/TradingLedger' },
};
const CREDENTIALS: ICredentialType[] = [new TradingViewWebhookApi(), new AlpacaApi(), new OandaApi(), new BinanceApi(), new BybitApi(), new OkxApi(), new CryptoExchangeApi(), new TradovateApi()];

const ALERT_FIELDS = [
	'alertId',
	'action',
	'symbol',
	'side',
	'quantity',
	'quantityType',
	'orderType',
	'price',
	'limitPrice',
	'stopPrice',
	'timeInForce',
	'takeProfitPrice',
	'takeProfitPercent',
	'takeProfitAmount',
	'stopLossPrice',
	'stopLossPercent',
	'stopLossAmount',
	'stopLossType',
	'sentiment',
	'targetPosition',
	'prevTargetPosition',
];

/** Every parameter path of version 0.2.0 (collections' and fixed collections' children included). */
const RELEASED_PATHS: Record<keyof typeof NODES, string[]> = {
	'TradingView Trigger': [
		'allowedIps',
		'ledger',
		'options',
		'options.allowNonAsciiSymbols',
		'options.authFieldName',
		'options.duplicateWindowMinutes',
		'options.maxAlertAgeSeconds',
		'options.redeliverIfNotStartedAfterSeconds',
		'options.retentionDays',
		'options.trustedProxies',
		'rejectedOutput',
		'restrictSourceIps',
	],
	'Risk Check': [
		'killSwitch',
		'ledger',
		'operation',
		'options',
		'options.counterName',
		'options.reservationTtlMinutes',
		'orderPlan',
		'orderPlan.maxSizedQuantity',
		'orderPlan.reverse',
		'orderPlan.sizingMode',
		'orderPlan.sizingValue',
		'orderPlan.targetPositionMode',
		'paperAccount',
		'positionSource',
		'rateLimits',
		'rateLimits.limit.max',
		'rateLimits.limit.per',
		'rateLimits.limit.size',
		'rateLimits.limit.window',
		'releaseReason',
		'reservationId',
		'rules',
		'rules.allowedActions',
		'rules.cooldownSeconds',
		'rules.dailyLossLimit',
		'rules.dayTimeZone',
		'rules.maxGrossExposure',
		'rules.maxNotional',
		'rules.maxNotionalMode',
		'rules.maxOpenPositions',
		'rules.maxOrdersPerDay',
		'rules.maxPositionPerSymbol',
		'rules.maxQuantity',
		'rules.maxQuantityMode',
		'rules.notionalFallbackPrice',
		'rules.quantityStep',
		'rules.symbolAllowlist',
		'rules.symbolBlocklist',
		'switchName',
		'switchReason',
		'switchState',
		'tradingSession',
		'tradingSession.session.days',
		'tradingSession.session.letExitsThrough',
		'tradingSession.session.timeZone',
		'tradingSession.session.windows',
	],
	'Broker Order': [
		...ALERT_FIELDS,
		'broker',
		'clientOrderId',
		'filterSymbol',
		'ledger',
		'operation',
		'paperAccount',
		'paperCurrency',
		'paperStartingCash',
		'placeOptions',
		'placeOptions.defaultTimeInForce',
		'placeOptions.dryRun',
		'placeOptions.maxAttempts',
		'placeOptions.maxSizedQuantity',
		'placeOptions.quantityStep',
		'placeOptions.reverse',
		'placeOptions.targetPositionMode',
		'positionSymbol',
		'requestId',
		'resource',
	],
	'TradingView Alert Recovery Trigger': ['checkEverySeconds', 'giveUpAfterMinutes', 'ledger', 'maxAttempts', 'notStartedAfterSeconds'],
	// Not released yet: the paths of its first version.
	'TradingView Ledger': [
		'filters',
		'filters.account',
		'filters.broker',
		'filters.from',
		'filters.outcome_latency',
		'filters.outcome_orders',
		'filters.outcome_signals',
		'filters.symbol',
		'filters.until',
		'ledger',
		'limit',
		'operation',
		'options',
		'options.cursor',
		'options.output',
		'resource',
		'returnAll',
	],
};

/** Parameters that only arrange the panel: n8n stores no value for them. */
const PRESENTATION_TYPES = new Set(['notice', 'credentials']);

function parameterPaths(properties: INodeProperties[], prefix = ''): string[] {
	const paths: string[] = [];
	for (const property of properties) {
		if (PRESENTATION_TYPES.has(property.type)) continue;
		const path = `${prefix}${property.name}`;
		paths.push(path);
		if (property.type === 'collection') paths.push(...parameterPaths(property.options as INodeProperties[], `${path}.`));
		if (property.type === 'fixedCollection') {
			for (const group of property.options as Array<{ name: string; values: INodeProperties[] }>) {
				paths.push(...parameterPaths(group.values, `${path}.${group.name}.`));
			}
		}
	}
	return paths;
}

/** The top-level parameters the panel shows, in order, for the given values (defaults for the rest). */
function panel(description: INodeTypeDescription, values: INodeParameters): string[] {
	const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, null, description) ?? {};
	return description.properties
		.filter((property) => NodeHelpers.displayParameter(parameters, property, null, description))
		.map((property) => property.name);
}

function issues(description: INodeTypeDescription, values: INodeParameters): unknown {
	const parameters = NodeHelpers.getNodeParameters(description.properties, values, true, false, null, description) ?? {};
	const node = { id: '1', name: 'n', type: description.name, typeVersion: 1, position: [0, 0] as [number, number], parameters };
	return NodeHelpers.getNodeParametersIssues(description.properties, node, description);
}

describe('parameter names and paths', () => {
	it.each(Object.keys(NODES) as Array<keyof typeof NODES>)('%s keeps every parameter path saved workflows use', (name) => {
		expect(parameterPaths(NODES[name].description.properties)).toEqual(expect.arrayContaining(RELEASED_PATHS[name]));
	});

	it.each(Object.keys(NODES) as Array<keyof typeof NODES>)('%s stores nothing for its notices and credential slot', (name) => {
		const { properties } = NODES[name].description;
		const arranging = properties.filter((property) => PRESENTATION_TYPES.has(property.type));
		for (const property of arranging) expect({ name: property.name, default: property.default }).toEqual({ name: property.name, default: '' });
		const stored = NodeHelpers.getNodeParameters(properties, {}, false, false, null, NODES[name].description) ?? {};
		for (const property of arranging) expect(Object.keys(stored)).not.toContain(property.name);
		const names = parameterPaths(properties);
		for (const property of arranging) expect(names).not.toContain(property.name);
	});
});

describe('the parameter panels', () => {
	// n8n 2.x draws the credential selectors where a parameter of type "credentials" stands; without
	// one, above the last parameter a credential's display condition names (Ledger, at the bottom).
	it('TradingView Trigger shows its credential first, then how to send the token', () => {
		expect(panel(NODES['TradingView Trigger'].description, {}).slice(0, 3)).toEqual(['credentials', 'setupNotice', 'rejectedOutput']);
	});

	it('TradingView Alert Recovery Trigger shows the credential slot first', () => {
		expect(panel(NODES['TradingView Alert Recovery Trigger'].description, {})[0]).toBe('credentials');
	});

	it('Risk Check shows the credential under Positions and P&L From, before the limits', () => {
		const { description } = NODES['Risk Check'];
		expect(panel(description, {}).slice(0, 6)).toEqual(['operation', 'checkNotice', 'positionSource', 'credentials', 'paperAccount', 'killSwitch']);
		expect(panel(description, { positionSource: 'alpaca' }).slice(0, 5)).toEqual(['operation', 'checkNotice', 'positionSource', 'credentials', 'killSwitch']);
		expect(panel(description, { operation: 'setKillSwitch' })).toEqual(['operation', 'credentials', 'switchName', 'switchState', 'switchReason', 'ledger']);
		expect(panel(description, { operation: 'releaseReservation' })).toEqual(['operation', 'credentials', 'reservationId', 'releaseReason', 'ledger']);
	});

	it('Broker Order shows Broker, its credential, Resource, Operation and Sizing before the alert fields', () => {
		const { description } = NODES['Broker Order'];
		const shown = panel(description, { sizingMode: 'notional' });
		expect(shown).toEqual([
			'broker',
			'credentials',
			'resource',
			'operation',
			'sizingMode',
			'sizingValue',
			'paperAccount',
			'paperStartingCash',
			'paperCurrency',
			'alertFieldsHeader',
			...ALERT_FIELDS,
			'placeOptions',
			'ledger',
		]);
		const header = description.properties.find((property) => property.name === 'alertFieldsHeader');
		expect(header).toMatchObject({ type: 'notice', typeOptions: { sectionHeader: true } });
		expect(header?.displayName).toMatch(/TradingView Trigger's output/);
	});

	it('TradingView Ledger shows the report, how many rows, the filters and options, then the Ledger', () => {
		const { description } = NODES['TradingView Ledger'];
		expect(panel(description, {})).toEqual(['resource', 'operation', 'credentials', 'returnAll', 'limit', 'filters', 'options', 'ledger']);
		expect(panel(description, { operation: 'health' })).toEqual(['resource', 'operation', 'credentials', 'filters', 'ledger']);
		expect(panel(description, { ledger: 'postgres', returnAll: true })).toEqual(['resource', 'operation', 'credentials', 'returnAll', 'filters', 'options', 'ledger']);
		// Positions From a broker: its credential right below it.
		expect(panel(description, { operation: 'positions', positionsFrom: 'alpaca' })).toEqual(['resource', 'operation', 'positionsFrom', 'credentials', 'returnAll', 'limit', 'filters', 'options', 'ledger']);
	});

	it('Broker Order shows no alert fields for the other operations', () => {
		const { description } = NODES['Broker Order'];
		expect(panel(description, { broker: 'alpaca', resource: 'position', operation: 'close' })).toEqual([
			'broker',
			'credentials',
			'resource',
			'operation',
			'positionSymbol',
			'requestId',
			'ledger',
		]);
		expect(panel(description, { resource: 'account', operation: 'get' })).toEqual([
			'broker',
			'credentials',
			'resource',
			'operation',
			'paperAccount',
			'paperStartingCash',
			'paperCurrency',
			'ledger',
		]);
	});

	it.each([
		['TradingView Trigger', {}],
		['TradingView Alert Recovery Trigger', {}],
		['Risk Check', {}],
		['Risk Check', { operation: 'setKillSwitch' }],
		['Broker Order', {}],
		['Broker Order', { broker: 'alpaca', resource: 'position', operation: 'closeAll' }],
		['TradingView Ledger', {}],
		['TradingView Ledger', { operation: 'health' }],
	] as Array<[keyof typeof NODES, INodeParameters]>)('%s %j has no parameter issue when new', (name, values) => {
		expect(issues(NODES[name].description, values)).toBeNull();
	});
});

describe('notices', () => {
	const notice = String(NODES['TradingView Trigger'].description.properties.find((property) => property.name === 'setupNotice')?.displayName);
	const tokenField = (NODES['TradingView Trigger'].description.properties.find((property) => property.name === 'options')?.options as INodeProperties[]).find(
		(option) => option.name === 'authFieldName',
	);

	it("TradingView Trigger's names the three ways TradingView can send the token, as the intake reads them", () => {
		expect(tokenField?.default).toBe('token');
		expect(notice).toContain(`<li>JSON message: a field "${String(tokenField?.default)}": "…"</li>`);
		expect(notice).toContain(`<li>text message: a pair ${String(tokenField?.default)}=…</li>`);
		expect(notice).toContain(`<li>Webhook URL: ?${TOKEN_QUERY_PARAMETER}=… at its end</li>`);
		expect(notice).toContain(`"${ALTERNATIVE_TOKEN_FIELD}" works too`);
		expect(notice.toLowerCase()).toContain(`${TOKEN_HEADER} header`);
		expect(notice).toContain(String(tokenField?.displayName));
	});

	// n8n 2.x's notice keeps only these tags and drops the others (their text stays, run together).
	it.each(Object.keys(NODES) as Array<keyof typeof NODES>)("%s's notices use only the HTML n8n keeps in a notice", (name) => {
		const notices = NODES[name].description.properties.filter((property) => property.type === 'notice');
		for (const { displayName } of notices) {
			const tags = [...displayName.matchAll(/<\/?([a-z0-9]+)/gi)].map((match) => match[1].toLowerCase());
			expect({ displayName, tags: tags.filter((tag) => !['a', 'ul', 'li'].includes(tag)) }).toEqual({ displayName, tags: [] });
		}
	});
});

describe('icons', () => {
	const owners = [
		...Object.entries(NODES).map(([name, { description, folder }]) => ({ name, icon: description.icon, folder })),
		...CREDENTIALS.map((credential) => ({ name: credential.displayName, icon: credential.icon, folder: 'credentials' })),
	];
	const files = owners.map(({ name, icon, folder }) => {
		expect({ name, icon }).toEqual({ name, icon: { light: expect.stringMatching(/^file:.+\.svg$/), dark: expect.stringMatching(/^file:.+\.dark\.svg$/) } });
		const { light, dark } = icon as { light: string; dark: string };
		const path = (reference: string): string => join(ROOT, folder, reference.slice('file:'.length));
		return { name, light: path(light), dark: path(dark) };
	});

	it.each(files)('$name has a light and a dark SVG in icons/', ({ light, dark }) => {
		for (const file of [light, dark]) {
			expect(dirname(file)).toBe(join(ROOT, 'icons'));
			expect(existsSync(file)).toBe(true);
			expect(readFileSync(file, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 64 64"[^>]*>[\s\S]*<\/svg>\n?$/);
		}
		expect(readFileSync(light, 'utf8')).not.toBe(readFileSync(dark, 'utf8'));
	});

	it('gives every node and credential a picture of its own', () => {
		const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
		for (const variant of ['light', 'dark'] as const) {
			const pictures = new Map<string, string>();
			for (const file of files) {
				const seen = pictures.get(digest(file[variant]));
				expect({ [variant]: file.name, sameAs: seen }).toEqual({ [variant]: file.name, sameAs: undefined });
				pictures.set(digest(file[variant]), file.name);
			}
		}
	});
});
