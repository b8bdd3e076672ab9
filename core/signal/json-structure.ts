import type { WorkMeter } from './work-meter';

/** Deeper than any alert needs; what recursive code downstream can walk without running out of stack. */
export const MAX_NESTING_DEPTH = 32;

export interface TextSpan {
	start: number;
	end: number;
}

/** A member whose key its object already had, with a value written differently. */
export interface DuplicateMember {
	/** Dotted path of the member: `strategy.order.action`. */
	field: string;
	first: TextSpan;
	second: TextSpan;
}

/** A `{{…}}` written where a JSON value belongs, so the body is not JSON as it stands. */
export interface BarePlaceholder {
	field: string;
	span: TextSpan;
}

export interface JsonStructure {
	/** Where the nesting went past MAX_NESTING_DEPTH; the scan stops there. */
	tooDeepAt: number | null;
	duplicates: DuplicateMember[];
	placeholders: BarePlaceholder[];
}

interface Frame {
	isObject: boolean;
	/** This container's name in its parent's path. */
	path: string;
	/** Object: the first value span of every key seen, by decoded key. */
	members: Map<string, TextSpan>;
	/** Object: keys already reported, so a key given five times is reported once. */
	reported: Set<string>;
	key: string | null;
	valueStart: number;
	index: number;
}

function decodeKey(raw: string): string {
	try {
		const key: unknown = JSON.parse(raw);
		return typeof key === 'string' ? key : raw;
	} catch {
		return raw;
	}
}

function trimmedSpan(text: string, start: number, end: number): TextSpan {
	let from = start;
	let to = end;
	while (from < to && /\s/.test(text[from])) from++;
	while (to > from && /\s/.test(text[to - 1])) to--;
	return { start: from, end: to };
}

function sameText(text: string, one: TextSpan, other: TextSpan): boolean {
	const length = one.end - one.start;
	if (length !== other.end - other.start) return false;
	return text.startsWith(text.slice(one.start, one.end), other.start);
}

/**
 * One pass over text that should be a JSON object, before JSON.parse sees it: how deep it nests,
 * which object keys repeat with a different value (JSON.parse would silently keep the last), and
 * where TradingView left a placeholder unquoted. It only follows strings and brackets, so text
 * that is not JSON at all is walked just as fast; JSON.parse still judges validity afterwards.
 */
export function scanJsonStructure(text: string, meter: WorkMeter = { steps: 0 }): JsonStructure {
	const structure: JsonStructure = { tooDeepAt: null, duplicates: [], placeholders: [] };
	const stack: Frame[] = [];
	const top = (): Frame | undefined => stack[stack.length - 1];
	const memberPath = (frame: Frame | undefined): string => {
		if (!frame) return '';
		const name = frame.isObject ? frame.key : String(frame.index);
		if (name === null) return frame.path;
		return frame.path ? `${frame.path}.${name}` : name;
	};
	/** Enters an object or a list; false, and the scan ends, once that is one level too many. */
	const open = (isObject: boolean, at: number): boolean => {
		if (stack.length >= MAX_NESTING_DEPTH) {
			structure.tooDeepAt = at;
			return false;
		}
		stack.push({
			isObject,
			path: memberPath(top()),
			members: new Map(),
			reported: new Set(),
			key: null,
			valueStart: -1,
			index: 0,
		});
		return true;
	};
	const finishMember = (frame: Frame, end: number) => {
		if (frame.key === null || frame.valueStart < 0) return;
		const span = trimmedSpan(text, frame.valueStart, end);
		meter.steps += end - frame.valueStart;
		const first = frame.members.get(frame.key);
		if (first === undefined) frame.members.set(frame.key, span);
		else if (!frame.reported.has(frame.key) && !sameText(text, first, span)) {
			frame.reported.add(frame.key);
			structure.duplicates.push({ field: memberPath(frame), first, second: span });
		}
		frame.key = null;
		frame.valueStart = -1;
	};

	for (let index = 0; index < text.length; index++) {
		meter.steps++;
		const char = text[index];
		const frame = top();
		if (char === '"') {
			const end = stringEnd(text, index, meter);
			if (frame?.isObject && frame.key === null && frame.valueStart < 0) {
				frame.key = decodeKey(text.slice(index, end + 1));
			}
			index = end;
		} else if (char === '{' && text[index + 1] === '{') {
			const end = placeholderEnd(text, index, meter);
			if (end !== -1) {
				structure.placeholders.push({ field: memberPath(frame) || 'body', span: { start: index, end } });
				index = end - 1;
			} else if (!open(true, index)) break;
		} else if (char === '{' || char === '[') {
			if (!open(char === '{', index)) break;
		} else if (char === ':') {
			if (frame?.isObject && frame.key !== null) frame.valueStart = index + 1;
		} else if (char === ',') {
			if (frame?.isObject) finishMember(frame, index);
			else if (frame) frame.index++;
		} else if (char === '}' || char === ']') {
			if (frame?.isObject) finishMember(frame, index);
			stack.pop();
		}
	}
	return structure;
}

/** The index of the quote that closes the string opening at `start`, or the text's length. */
function stringEnd(text: string, start: number, meter: WorkMeter): number {
	let index = start + 1;
	while (index < text.length) {
		meter.steps++;
		const char = text[index];
		if (char === '"') return index;
		index += char === '\\' ? 2 : 1;
	}
	return text.length;
}

/** The index just after `{{…}}` opening at `start` (no brace inside), or -1. */
function placeholderEnd(text: string, start: number, meter: WorkMeter): number {
	let index = start + 2;
	while (index < text.length && text[index] !== '{' && text[index] !== '}') {
		meter.steps++;
		index++;
	}
	return text.startsWith('}}', index) ? index + 2 : -1;
}
