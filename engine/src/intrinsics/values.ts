import { argList, asString } from './args.ts';
import type { IntrinsicHandler } from './handler.ts';
import { IntrinsicError } from './intrinsic-error.ts';

/**
 * `[MapName, TopKey, SecondKey]`, with an optional fourth `{ DefaultValue: … }` used when a key is missing.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-findinmap.html
 */
export const findInMap: IntrinsicHandler = (args, { ctx, path, resolve }) => {
  const list = argList(args, path, 3, 4);
  const [mapName, topKey, secondKey] = list
    .slice(0, 3)
    .map((item, index) => asString(resolve(item, `${path}.${index}`), `${path}.${index}`, 'key'));
  const fallback = list[3];
  let defaultValue: { present: boolean; value?: unknown } = { present: false };
  if (fallback !== undefined) {
    if (typeof fallback !== 'object' || fallback === null || !Object.hasOwn(fallback, 'DefaultValue')) {
      throw new IntrinsicError(`${path}.3`, 'expected { "DefaultValue": … }');
    }
    defaultValue = { present: true, value: (fallback as Record<string, unknown>).DefaultValue };
  }
  const map = Object.hasOwn(ctx.mappings, mapName as string) ? ctx.mappings[mapName as string] : undefined;
  const top = map && Object.hasOwn(map, topKey as string) ? map[topKey as string] : undefined;
  if (top && Object.hasOwn(top, secondKey as string)) return top[secondKey as string];
  if (defaultValue.present) return resolve(defaultValue.value, `${path}.3.DefaultValue`);
  if (!map) throw new IntrinsicError(path, `mapping '${mapName}' is not declared in Mappings`);
  throw new IntrinsicError(path, `mapping '${mapName}' has no value at [${topKey}][${secondKey}]`);
};

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-base64.html */
export const base64: IntrinsicHandler = (args, { path, resolve }) =>
  Buffer.from(asString(resolve(args, path), path), 'utf8').toString('base64');

/**
 * Reads another stack's export.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-importvalue.html
 */
export const importValue: IntrinsicHandler = (args, { ctx, path, resolve }) => {
  const name = asString(resolve(args, path), path, 'export name');
  const value = ctx.importValue(name);
  if (value === undefined) throw new IntrinsicError(path, `No export named ${name} found`);
  return value;
};
