import type { Answer } from './stub-http';

/*
 * The failures a test scripts into a stub. `failNext`: the next matching requests are answered
 * without being carried out. `loseNextAnswer`: the next matching request is carried out and its
 * answer replaced (NO_ANSWER: the connection dropped), so the broker took what the client never
 * heard of; `taken` narrows that to requests the broker actually took (an order refused keeps
 * its answer, and the loss waits for the next one).
 */

export interface RequestMatch {
	method?: string;
	/** Equal to the request's path (as the stub names it), or matching it. */
	path?: string | RegExp;
}

interface Script {
	remaining: number;
	answer: Answer;
	match: RequestMatch;
	taken?: (answer: Answer) => boolean;
}

export class StubScripts {
	private readonly failing: Script[] = [];
	private readonly losing: Script[] = [];

	failNext(times: number, answer: Answer, match: RequestMatch = {}): void {
		this.failing.push({ remaining: times, answer, match });
	}

	loseNextAnswer(match: RequestMatch, answer: Answer, taken?: (answer: Answer) => boolean): void {
		this.losing.push({ remaining: 1, answer, match, taken });
	}

	/** The scripted failure for this request, if one is due (it is used up). */
	failure(method: string, path: string): Answer | undefined {
		return take(this.failing, method, path, undefined);
	}

	/** `answer`, or what replaces it when its answer is to be lost. */
	delivered(method: string, path: string, answer: Answer): Answer {
		return take(this.losing, method, path, answer) ?? answer;
	}
}

function take(scripts: Script[], method: string, path: string, answer: Answer | undefined): Answer | undefined {
	const script = scripts.find(
		(candidate) =>
			candidate.remaining > 0 &&
			(candidate.match.method ?? method) === method &&
			pathMatches(candidate.match.path, path) &&
			(candidate.taken === undefined || answer === undefined || candidate.taken(answer)),
	);
	if (script === undefined) return undefined;
	script.remaining--;
	return script.answer;
}

function pathMatches(expected: string | RegExp | undefined, path: string): boolean {
	if (expected === undefined) return true;
	return typeof expected === 'string' ? expected === path : expected.test(path);
}
