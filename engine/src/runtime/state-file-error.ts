/**
 * A state file that exists but cannot be used: not JSON, or JSON of the wrong shape (`{}` where a
 * list of stacks belongs). It carries the path and the problem so the engine's start-up can name
 * the file, say what is wrong with it, the resources it affects and the way out; the file itself
 * is never changed by the reader.
 */
export class DamagedStateFileError extends Error {
  override readonly name = 'DamagedStateFileError';

  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`state file ${path} ${problem}; it was left untouched`);
  }
}

/** A shape check for a state document: the problem in words, or undefined when it is usable. */
export type StateShapeCheck = (value: unknown) => string | undefined;

/** Checks shared by the stores: a JSON object whose listed members are objects (or lists). */
export function objectWith(members: Readonly<Record<string, 'object' | 'list' | 'string'>>): StateShapeCheck {
  return (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return `holds ${describe(value)} where a JSON object belongs`;
    for (const [member, kind] of Object.entries(members)) {
      const got = (value as Record<string, unknown>)[member];
      const ok =
        kind === 'list'
          ? Array.isArray(got)
          : kind === 'string'
            ? typeof got === 'string'
            : typeof got === 'object' && got !== null && !Array.isArray(got);
      if (!ok) return `has no "${member}" ${kind === 'list' ? 'list' : kind} (found ${describe(got)})`;
    }
    return undefined;
  };
}

/** A JSON object whose every value is an object (a map keyed by name). */
export const mapOfObjects: StateShapeCheck = (value) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return `holds ${describe(value)} where a JSON object belongs`;
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'object' || entry === null) return `has ${describe(entry)} for "${key}"`;
  }
  return undefined;
};

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
