import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildIntakeConfig, type IntakeConfig } from '../../core/intake/intake-settings';
import { ExpiringCache } from '../../core/util/expiring-cache';

export const CREDENTIAL_TYPE = 'tradingViewWebhookApi';

// Decrypting the credential on every request was measured to make answers late under a burst
// (docs/design/runtime-facts.md); a few seconds of caching keeps rotation effective.
const TOKEN_TTL_MS = 5_000;
const tokenCache = new ExpiringCache<string[]>(TOKEN_TTL_MS);

type TriggerContext = IWebhookFunctions | IHookFunctions;

async function loadTokens(context: TriggerContext): Promise<string[]> {
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? 'unsaved';
	return await tokenCache.get(credentialId, async () => {
		const credential = await context.getCredentials(CREDENTIAL_TYPE);
		return [credential.token, credential.secondaryToken].filter(
			(token): token is string => typeof token === 'string' && token !== '',
		);
	});
}

/** The trigger's settings and tokens, validated; a misconfiguration names the field. */
export async function intakeConfigFor(context: TriggerContext): Promise<IntakeConfig> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const restrictSourceIps = context.getNodeParameter('restrictSourceIps', false) as boolean;
	const config = buildIntakeConfig({
		scope: `${context.getWorkflow().id ?? 'unsaved'}/${context.getNode().id}`,
		tokens: await loadTokens(context),
		tokenField: options.authFieldName ?? 'token',
		maxAlertAgeSeconds: options.maxAlertAgeSeconds ?? 60,
		duplicateWindowMinutes: options.duplicateWindowMinutes ?? 10,
		redeliverIfNotStartedAfterSeconds: options.redeliverIfNotStartedAfterSeconds ?? 0,
		restrictSourceIps,
		allowedIps: restrictSourceIps ? context.getNodeParameter('allowedIps', '') : '',
		trustedProxies: options.trustedProxies ?? '',
		retentionDays: options.retentionDays ?? 90,
		allowNonAsciiSymbols: options.allowNonAsciiSymbols ?? false,
	});
	if (!config.ok) {
		const summary = config.issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ');
		throw new NodeOperationError(context.getNode(), `TradingView Trigger is misconfigured: ${summary}`);
	}
	return config.value;
}
