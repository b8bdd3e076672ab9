/**
 * ` WHERE a = <p1> AND b = <p2>` over the columns given a value ('' when none has one), and the
 * values in parameter order; `param(n)` writes the n-th parameter for the backend.
 */
export function whereEqual(
	param: (index: number) => string,
	columns: ReadonlyArray<readonly [column: string, value: string | undefined]>,
): { where: string; params: string[] } {
	const conditions: string[] = [];
	const params: string[] = [];
	for (const [column, value] of columns) {
		if (value === undefined) continue;
		params.push(value);
		conditions.push(`${column} = ${param(params.length)}`);
	}
	return { where: conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '', params };
}
