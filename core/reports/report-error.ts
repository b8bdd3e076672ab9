/** A report's input is wrong; `field` names the filter field (`from`, `outcome`, ...). */
export class ReportFilterError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'ReportFilterError';
	}
}
