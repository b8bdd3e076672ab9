// n8n evaluates this in the editor to draw one or two outputs from the node's parameters.
const configuredOutputs = (parameters: { rejectedOutput?: boolean }) =>
	parameters.rejectedOutput
		? [
				{ type: 'main', displayName: 'Accepted' },
				{ type: 'main', displayName: 'Rejected' },
			]
		: [{ type: 'main', displayName: 'Accepted' }];

export const TRIGGER_OUTPUTS = `={{(${configuredOutputs})($parameter)}}` as const;
