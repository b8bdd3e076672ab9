// What the loops that poll a broker or the ledger share: the real sleep, and the time spent so
// far, taken from the clock or from the sleeps, whichever says more (so a test's stopped clock
// still ends the loop).

export const sleep = async (ms: number): Promise<void> => await new Promise((resolve) => setTimeout(resolve, ms));

export interface PollSettings {
	pollMs?: number;
	now?: () => Date;
	sleep?: (ms: number) => Promise<void>;
}

export interface PollClock {
	/** When polling started (ms since the epoch). */
	readonly started: number;
	/** The current time: the clock, or the start plus the sleeps when that is later. */
	at(): number;
	/** Milliseconds since the start (see `at`). */
	elapsed(): number;
	/** Sleeps `ms` through the settings' sleep. */
	pause(ms: number): Promise<void>;
}

export function pollClock(settings: PollSettings): PollClock {
	const now = settings.now ?? (() => new Date());
	const pause = settings.sleep ?? sleep;
	const started = now().getTime();
	let slept = 0;
	const at = (): number => Math.max(now().getTime(), started + slept);
	return {
		started,
		at,
		elapsed: () => at() - started,
		pause: async (ms: number) => {
			await pause(ms);
			slept += ms;
		},
	};
}
