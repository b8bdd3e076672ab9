import type { ParsedBody } from '../signal/parse-body';
import { redactFields, redactText } from '../signal/redact';
import type { IntakeConfig } from './intake-settings';

/**
 * One request body with its tokens redacted, each form made at most once and only when asked
 * for: the text as sent, and the parsed fields.
 */
export class RedactedBody {
	private redactedText: string | undefined;
	private redactedFields: { of: ParsedBody; fields: Record<string, unknown> } | undefined;

	constructor(
		private readonly rawText: string,
		private readonly config: Pick<IntakeConfig, 'tokenFields' | 'tokens'>,
	) {}

	text(): string {
		this.redactedText ??= redactText(this.rawText, this.config.tokenFields, this.config.tokens);
		return this.redactedText;
	}

	fields(parsed: ParsedBody): Record<string, unknown> {
		if (this.redactedFields?.of !== parsed) {
			const fields = redactFields(parsed.fields, this.config.tokenFields, this.config.tokens) as Record<string, unknown>;
			this.redactedFields = { of: parsed, fields };
		}
		return this.redactedFields.fields;
	}

	/** What the signal log and the alert's `raw` keep: a JSON body as its fields, anything else as text. */
	stored(parsed: ParsedBody | null): unknown {
		// A body whose placeholders had to be quoted is stored as sent, not as the JSON it became.
		return parsed?.format === 'json' && parsed.placeholders.length === 0 ? this.fields(parsed) : this.text();
	}
}
