/** Keys that reach an object's prototype when assigned; they are dropped wherever they appear. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function isForbiddenKey(key: string): boolean {
	return FORBIDDEN_KEYS.has(key);
}

/** An object built from JSON or object literals: not an array, a date or a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
	const prototype = Object.getPrototypeOf(value);
	return prototype === Object.prototype || prototype === null;
}

/** The object's own value for `key`, never one inherited (`toString`, `constructor`). */
export function ownValue(target: Record<string, unknown>, key: string): unknown {
	return Object.prototype.hasOwnProperty.call(target, key) ? target[key] : undefined;
}

/** Defines an own property, so even a key such as `__proto__` cannot replace the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/** A deep copy of parsed data without forbidden keys at any depth. */
export function copyWithoutForbiddenKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copyWithoutForbiddenKeys);
	if (isPlainObject(value)) {
		const copy: Record<string, unknown> = {};
		for (const [key, child] of Object.entries(value)) {
			if (!isForbiddenKey(key)) setOwn(copy, key, copyWithoutForbiddenKeys(child));
		}
		return copy;
	}
	return value;
}
