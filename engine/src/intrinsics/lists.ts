import { argList, asList, asString, kind } from './args.ts';
import type { IntrinsicHandler } from './handler.ts';
import { IntrinsicError } from './intrinsic-error.ts';

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-join.html */
export const join: IntrinsicHandler = (args, { path, resolve }) => {
  const [delimiter, list] = argList(args, path, 2);
  if (typeof delimiter !== 'string') throw new IntrinsicError(`${path}.0`, 'expected a string delimiter');
  const items = asList(resolve(list, `${path}.1`), `${path}.1`, 'second argument');
  return items.map((item, index) => asString(item, `${path}.1.${index}`, 'list element')).join(delimiter);
};

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-select.html */
export const select: IntrinsicHandler = (args, { path, resolve }) => {
  const [rawIndex, list] = argList(args, path, 2);
  const indexText = asString(resolve(rawIndex, `${path}.0`), `${path}.0`, 'index');
  const index = Number(indexText);
  if (!/^\d+$/.test(indexText.trim()) || !Number.isSafeInteger(index)) {
    throw new IntrinsicError(`${path}.0`, `expected a non-negative integer index, got '${indexText}'`);
  }
  const items = asList(resolve(list, `${path}.1`), `${path}.1`, 'second argument');
  if (index >= items.length) {
    throw new IntrinsicError(path, `index ${index} is out of range for a list of ${items.length}`);
  }
  return items[index];
};

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-split.html */
export const split: IntrinsicHandler = (args, { path, resolve }) => {
  const [delimiter, source] = argList(args, path, 2);
  if (typeof delimiter !== 'string' || delimiter === '') {
    throw new IntrinsicError(`${path}.0`, 'expected a non-empty string delimiter');
  }
  return asString(resolve(source, `${path}.1`), `${path}.1`, 'source').split(delimiter);
};

/**
 * Three Availability Zones, `<region>a` to `<region>c`: the local cloud has no real zones.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getavailabilityzones.html
 */
export const getAzs: IntrinsicHandler = (args, { ctx, path, resolve }) => {
  const region = asString(resolve(args, path), path, 'region');
  const name = region === '' ? ctx.pseudo.region : region;
  return ['a', 'b', 'c'].map((zone) => `${name}${zone}`);
};

/**
 * IPv4 only: `count` consecutive subnets with `cidrBits` host bits each, from the block's start.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html
 */
export const cidr: IntrinsicHandler = (args, { path, resolve }) => {
  const [rawBlock, rawCount, rawBits] = argList(args, path, 3);
  const block = asString(resolve(rawBlock, `${path}.0`), `${path}.0`, 'ipBlock');
  const count = wholeNumber(resolve(rawCount, `${path}.1`), `${path}.1`, 1, 256);
  const bits = wholeNumber(resolve(rawBits, `${path}.2`), `${path}.2`, 0, 32);
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : -1;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw new IntrinsicError(`${path}.0`, `expected an IPv4 CIDR block, got '${block}'`);
  }
  const subnetPrefix = 32 - bits;
  if (subnetPrefix < prefix || count > 2 ** (subnetPrefix - prefix)) {
    throw new IntrinsicError(path, `${block} cannot hold ${count} subnets of /${subnetPrefix}`);
  }
  const base = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const start = base - (base % 2 ** (32 - prefix));
  return Array.from({ length: count }, (_, i) => `${ipv4(start + i * 2 ** bits)}/${subnetPrefix}`);
};

function ipv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function wholeNumber(value: unknown, path: string, min: number, max: number): number {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
    throw new IntrinsicError(path, `expected a whole number from ${min} to ${max}, got ${kind(value)}`);
  }
  return number;
}
