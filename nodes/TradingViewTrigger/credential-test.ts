import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkTokenPolicy } from '../../core/signal/token-policy';

/** TradingView has nothing to call: "Test" checks that the tokens are usable. */
export async function testTokenCredential(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const issues = checkTokenPolicy(data.token, data.secondaryToken);
	if (issues.length === 0) return { status: 'OK', message: 'Tokens are usable' };
	return { status: 'Error', message: issues.map((issue) => `${issue.field} ${issue.message}`).join('; ') };
}
