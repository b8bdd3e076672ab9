import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** An output item of Risk Check and the output it goes to (Pass or Reject). */
export interface RoutedItem {
	passed: boolean;
	json: IDataObject;
}

/** A Risk Check operation: one output item per input item. */
export type RiskCheckOperation = (this: IExecuteFunctions, itemIndex: number) => Promise<RoutedItem>;
