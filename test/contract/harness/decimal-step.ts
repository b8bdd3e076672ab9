/** Whether a decimal text is a whole multiple of a step (both as the exchange writes them). */
export function isMultiple(value: string, step: string): boolean {
	const decimals = (text: string) => (text.includes('.') ? text.split('.')[1].length : 0);
	const scale = 10 ** Math.max(decimals(value), decimals(step));
	return Math.round(Number(value) * scale) % Math.round(Number(step) * scale) === 0;
}
