import { createHash } from 'node:crypto';

/**
 * The one way a resource name (log group, log stream, queue, bucket, delivery stream…) becomes a
 * file or folder name, so that no value a caller can send escapes the folder it is stored in.
 *
 * - Every character outside `A-Z a-z 0-9 _ -` is percent-encoded as UTF-8, `.` included: `.` and
 *   `..` become `%2E` and `%2E%2E`, `/` and `\` become `%2F` and `%5C`, NUL becomes `%00`. An
 *   encoded segment therefore never starts with a dot, never contains a separator, and never
 *   collides with a sidecar file whose name starts with `.`.
 * - The empty name becomes `%` (no other name encodes to a lone `%`).
 * - A name whose encoding is longer than {@link MAX_SEGMENT} characters (a file name is at most 255
 *   bytes on common file systems, and callers add suffixes such as `.ndjson` or `.<pid>.tmp`) is
 *   cut and given a hash of the whole name: `<first characters>~<sha-256 prefix>`. That form is not
 *   reversible, so a store that needs the name back keeps it inside the file or in a sidecar
 *   ({@link decodePathSegment} returns undefined for it).
 *
 * Encoded names are stable: a store may look a file up by encoding the name again.
 */
export function encodePathSegment(name: string): string {
  if (name === '') return '%';
  let encoded = '';
  // A lone surrogate has no UTF-8 form (it would encode as U+FFFD and collide with another name):
  // such a name always takes the hashed form, whose hash covers its UTF-16 code units.
  const wellFormed = isWellFormed(name);
  for (const char of name) {
    encoded += SAFE.test(char) ? char : wellFormed ? percentEncode(char) : '_';
  }
  if (wellFormed && encoded.length <= MAX_SEGMENT) return encoded;
  let head = encoded.slice(0, HASHED_HEAD);
  // Never cut a `%XX` escape in half: drop a partial one at the end.
  const lastPercent = head.lastIndexOf('%');
  if (lastPercent >= 0 && lastPercent > head.length - 3) head = head.slice(0, lastPercent);
  return `${head}~${createHash('sha256').update(Buffer.from(name, 'utf16le')).digest('hex').slice(0, 40)}`;
}

/** The name a segment was encoded from, or undefined for a hashed (over-long) or foreign segment. */
export function decodePathSegment(segment: string): string | undefined {
  if (segment === '%') return '';
  if (segment.includes('~') || segment.startsWith('.')) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** True when the segment is the hashed form, whose name must be stored beside it. */
export const isHashedSegment = (segment: string): boolean => segment.includes('~');

/** The longest segment kept readable; longer encodings are hashed (leaves room for suffixes). */
export const MAX_SEGMENT = 200;
const HASHED_HEAD = 150;
const SAFE = /^[A-Za-z0-9_-]$/;

/** No lone surrogates (String.prototype.isWellFormed is Node 20+, typed only in newer libs). */
const isWellFormed = (text: string): boolean => !/\p{Surrogate}/u.test(text);

function percentEncode(char: string): string {
  let out = '';
  for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}
