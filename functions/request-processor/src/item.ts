/**
 * The stored item as plain data (no SDK types), and its size as DynamoDB counts it, so the
 * decision "inline body or S3" is made on the real item, not on the body alone.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */

/** The attribute value shapes this function writes: S, N, L of S, M of S. */
export type ItemValue = string | number | readonly string[] | Readonly<Record<string, string>>;

/** One table item: attribute name -> value. */
export type Item = Record<string, ItemValue>;

/**
 * Largest item we store inline. DynamoDB's hard limit is 400 KB including attribute names; the
 * margin absorbs estimate error (numbers are "approximately" sized) and future attributes.
 */
export const MAX_INLINE_ITEM_BYTES = 350_000;

const LIST_OR_MAP_OVERHEAD = 3;
const ELEMENT_OVERHEAD = 1;

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** About one byte per two significant digits plus one (leading and trailing zeros trimmed). */
function numberBytes(value: number): number {
  const digits = String(Math.abs(value))
    .replace(/e.*$/i, '')
    .replace('.', '')
    .replace(/^0+/, '')
    .replace(/0+$/, '');
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

function valueBytes(value: ItemValue): number {
  if (typeof value === 'string') return utf8Bytes(value);
  if (typeof value === 'number') return numberBytes(value);
  if (isStringList(value)) {
    return value.reduce((sum, element) => sum + ELEMENT_OVERHEAD + utf8Bytes(element), LIST_OR_MAP_OVERHEAD);
  }
  return Object.entries(value).reduce(
    (sum, [name, element]) => sum + ELEMENT_OVERHEAD + utf8Bytes(name) + utf8Bytes(element),
    LIST_OR_MAP_OVERHEAD,
  );
}

/** Narrows the list shape (Array.isArray does not narrow readonly arrays in a union). */
export function isStringList(value: ItemValue): value is readonly string[] {
  return Array.isArray(value);
}

/** The item's size in bytes: attribute names plus values plus list/map overheads. */
export function itemSizeBytes(item: Item): number {
  let total = 0;
  for (const [name, value] of Object.entries(item)) total += utf8Bytes(name) + valueBytes(value);
  return total;
}
