/**
 * Counts the characters a scanner visits. The body scanners take one so tests can show they stay
 * linear on hostile input without measuring time.
 */
export interface WorkMeter {
	steps: number;
}
