import { quote } from './coerce';

// Control, format (zero-width), private-use, unassigned and other invisible characters: they make
// two symbols that look the same compare different, so they are refused whatever the settings.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;
const NOT_ASCII = /[^\x20-\x7e]/u;

function codePointOf(char: string): string {
	return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a symbol (or exchange) written this way is refused, or null. A Cyrillic `А` or a fullwidth
 * `Ａ` looks like `A` but is another symbol, so anything beyond printable ASCII is refused unless
 * `allowNonAscii` is set.
 */
export function symbolCharacterProblem(text: string, field: string, allowNonAscii: boolean): string | null {
	const invisible = INVISIBLE.exec(text);
	if (invisible) return `${field} contains ${codePointOf(invisible[0])}, an invisible or control character`;
	if (allowNonAscii) return null;
	const other = NOT_ASCII.exec(text);
	if (!other) return null;
	return `${field} ${quote(text)} contains ${codePointOf(other[0])}, which is not ASCII: a look-alike letter could name another instrument ("Allow Non-ASCII Symbols" accepts it)`;
}
