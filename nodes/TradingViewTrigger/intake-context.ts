import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { cachedIntakeConfig } from '../../core/intake/intake-config-cache';
import type { IntakeConfig } from '../../core/intake/intake-settings';
import { RefreshingCache } from '../../core/util/refreshing-cache';
import { describeIssues } from '../../core/util/result';

export const CREDENTIAL_TYPE = 'tradingViewWebhookApi';

// Decrypting the credential on every request was measured to make answers late under a burst
// (docs/design/runtime-facts.md); a few seconds of caching keeps rotation effective. Reloads run
// in the background, and a reload that fails (n8n's database busy) keeps the last good tokens.
const TOKEN_TTL_MS = 5_000;
const TOKEN_MAX_STALE_MS = 10 * 60_000;
const tokenCache = new RefreshingCache<string[]>(TOKEN_TTL_MS, TOKEN_MAX_STALE_MS);

/** The credential could not be read (n8n's database did not answer): nothing is wrong with the settings. */
export class CredentialsUnavailableError extends NodeOperationError {}

type TriggerContext = IWebhookFunctions | IHookFunctions;

async function loadTokens(context: TriggerContext): Promise<string[]> {
	const credentialId = context.getNode().credentials?.[CREDENTIAL_TYPE]?.id ?? 'unsaved';
	try {
		return await tokenCache.get(credentialId, async () => {
			const credential = await context.getCredentials(CREDENTIAL_TYPE);
			return [credential.token, credential.secondaryToken].filter(
				(token): token is string => typeof token === 'string' && token !== '',
			);
		});
	} catch (error) {
		// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- a NodeOperationError, typed so the trigger can tell an unreadable credential from bad settings
		throw new CredentialsUnavailableError(context.getNode(), `The TradingView Webhook credential could not be read: ${(error as Error).message}`);
	}
}

/** The trigger's settings and tokens, validated; a misconfiguration names the field. */
export async function intakeConfigFor(context: TriggerContext): Promise<IntakeConfig> {
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const restrictSourceIps = context.getNodeParameter('restrictSourceIps', false) as boolean;
	const config = cachedIntakeConfig({
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
		throw new NodeOperationError(context.getNode(), `TradingView Trigger is misconfigured: ${describeIssues(config.failure)}`);
	}
	return config.value;
}
