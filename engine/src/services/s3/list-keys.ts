import { s3Errors } from './errors.ts';

/**
 * The listing rules ListObjectsV2 and ListObjectVersions share: keys in UTF-8 binary order,
 * `Prefix` filtering, `Delimiter` roll-up into CommonPrefixes, and `MaxKeys` counting keys and
 * prefixes alike. https://docs.aws.amazon.com/AmazonS3/latest/userguide/using-prefixes.html
 */
export type ListRow<T> =
  | { readonly kind: 'item'; readonly key: string; readonly value: T }
  | { readonly kind: 'prefix'; readonly prefix: string };

export interface ListOptions {
  readonly prefix?: string;
  readonly delimiter?: string;
  readonly maxKeys?: number;
}

export interface ListPage<T> {
  readonly rows: ListRow<T>[];
  readonly isTruncated: boolean;
}

export const DEFAULT_MAX_KEYS = 1000;

export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

export function sortKeys(keys: Iterable<string>): string[] {
  return [...keys].sort(compareKeys);
}

export function checkMaxKeys(maxKeys: number | undefined): number {
  const value = maxKeys ?? DEFAULT_MAX_KEYS;
  if (!Number.isInteger(value) || value < 0)
    throw s3Errors.invalidArgument('Provided max-keys not an integer or within integer range');
  return Math.min(value, DEFAULT_MAX_KEYS);
}

/**
 * True when `key` comes after a pagination marker. A marker that is a common prefix (ends with the
 * delimiter) also skips every key under it, since that prefix was already returned.
 */
export function isAfterMarker(
  key: string,
  marker: string | undefined,
  delimiter: string | undefined,
): boolean {
  if (marker === undefined || marker === '') return true;
  if (delimiter && marker.endsWith(delimiter) && key.startsWith(marker)) return false;
  return compareKeys(key, marker) > 0;
}

/** Pages `entries` (already sorted and past the marker) into rows. */
export function pageEntries<T>(
  entries: Iterable<{ key: string; value: T }>,
  options: ListOptions,
): ListPage<T> {
  const prefix = options.prefix ?? '';
  const maxKeys = checkMaxKeys(options.maxKeys);
  const rows: ListRow<T>[] = [];
  let lastPrefix: string | undefined;
  for (const entry of entries) {
    if (!entry.key.startsWith(prefix)) continue;
    const commonPrefix = rollUp(entry.key, prefix, options.delimiter);
    if (commonPrefix !== undefined && commonPrefix === lastPrefix) continue;
    if (rows.length >= maxKeys) return { rows, isTruncated: maxKeys > 0 };
    if (commonPrefix === undefined) rows.push({ kind: 'item', key: entry.key, value: entry.value });
    else {
      rows.push({ kind: 'prefix', prefix: commonPrefix });
      lastPrefix = commonPrefix;
    }
  }
  return { rows, isTruncated: false };
}

function rollUp(key: string, prefix: string, delimiter: string | undefined): string | undefined {
  if (!delimiter) return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}
