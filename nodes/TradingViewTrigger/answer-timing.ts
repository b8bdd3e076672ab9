/**
 * Whether the trigger lets n8n send the `accepted` answer after it has stored and queued the
 * execution (queue mode), instead of writing it before returning. In one process the answer goes
 * first: deferring it was measured to make answers late under a burst, and a crash of that one
 * process loses the queued executions either way (recovery picks those alerts up).
 */
export function answersAfterEnqueue(env: NodeJS.ProcessEnv): boolean {
	return env.EXECUTIONS_MODE?.trim() === 'queue';
}
