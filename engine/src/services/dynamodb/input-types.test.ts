import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_VALUE, checkInputTypes, type TypeTable, UNUSUAL } from './input-types.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite/validations/index.js') as {
  checkTypes(data: Record<string, unknown>, types: TypeTable): Record<string, unknown>;
};
const OPERATIONS = [
  'putItem',
  'updateItem',
  'query',
  'scan',
  'batchWriteItem',
  'batchGetItem',
  'createTable',
  'deleteItem',
];
const typesOf = (operation: string): TypeTable =>
  (require(`dynalite/validations/${operation}.js`) as { types: TypeTable }).types;

type Spec = string | { type?: string; children?: unknown };

/** Something of the wrong JSON type, or a value dynalite converts (a Boolean as text). */
const wrong = fc.oneof(
  fc.boolean(),
  fc.integer(),
  fc.constantFrom('true', 'no', 'x', '=='),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);

/**
 * Inputs shaped by dynalite's own type description: mostly well-formed (an input is accepted only
 * when every field in it is, so well-formed values weigh 40 to 2), sometimes not.
 */
function arbitraryFor(spec: Spec, depth: number): fc.Arbitrary<unknown> {
  const children = typeof spec === 'string' ? undefined : spec.children;
  const child: Spec | undefined = typeof children === 'string' ? children : (children as Spec | undefined);
  const full = typeof spec === 'string' ? spec : (spec.type ?? '');
  const type = full.replace(/<.*$/, '');
  const nested = depth > 2;
  let good: fc.Arbitrary<unknown>;
  if (type === 'AttrStruct')
    good = nested ? fc.constant({ S: 'leaf' }) : structOf(ATTRIBUTE_VALUE as Record<string, Spec>, depth);
  else if (type === 'Boolean') good = fc.boolean();
  else if (type === 'String') good = fc.string({ maxLength: 6 });
  else if (type === 'Blob')
    good = fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b).toString('base64'));
  else if (['Double', 'Long', 'Integer', 'Short'].includes(type))
    good = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
  else if (type === 'List' || type === 'ParameterizedList')
    good = nested ? fc.constant([]) : fc.array(arbitraryFor(child ?? 'String', depth + 1), { maxLength: 3 });
  else if (type === 'Map' || type === 'ParameterizedMap')
    good = nested
      ? fc.constant({})
      : fc.dictionary(fc.string({ maxLength: 4 }), arbitraryFor(child ?? 'String', depth + 1), {
          maxKeys: 3,
        });
  else if (type === 'ValueStruct' || type === 'FieldStruct')
    good = nested ? fc.constant({}) : structOf(children as Record<string, Spec>, depth);
  else good = fc.constant('unknown type');
  return fc.oneof(
    { weight: 40, arbitrary: good },
    { weight: 1, arbitrary: wrong },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function structOf(table: Record<string, Spec>, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    Object.entries(table).map(([name, spec]) => [name, arbitraryFor(spec, depth + 1)]),
  );
  return fc.record(fields, { requiredKeys: [] });
}

const dynaliteAnswer = (
  input: Record<string, unknown>,
  types: TypeTable,
): { ok: unknown } | { error: string } => {
  try {
    return { ok: dynalite.checkTypes(structuredClone(input), types) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('checkInputTypes', () => {
  it.each(OPERATIONS)('gives dynalite result for every input it accepts (%s)', (operation) => {
    const types = typesOf(operation);
    let accepted = 0;
    fc.assert(
      fc.property(structOf(types as Record<string, Spec>, 0), (input) => {
        const before = JSON.stringify(input);
        const fast = checkInputTypes(input, types);
        expect(JSON.stringify(input)).toBe(before);
        const expected = dynaliteAnswer(input, types);
        if (fast === UNUSUAL) return;
        accepted += 1;
        expect(expected).toEqual({ ok: fast });
      }),
      { numRuns: 300 },
    );
    // The fast path must actually be taken, or this would prove nothing.
    expect(accepted).toBeGreaterThan(30);
  });

  it('leaves converted and refused values to dynalite, which keeps its own messages', () => {
    const types = typesOf('putItem');
    const asText = { TableName: 't', Item: { a: { BOOL: 'true' } } };
    expect(checkInputTypes(asText, types)).toBe(UNUSUAL);
    expect(dynalite.checkTypes(structuredClone(asText), types)).toEqual({
      TableName: 't',
      Item: { a: { BOOL: true } },
    });
    const number = { TableName: 't', Item: { a: { S: 5 } } };
    expect(checkInputTypes(number, types)).toBe(UNUSUAL);
    expect(() => dynalite.checkTypes(structuredClone(number), types)).toThrow(
      'NUMBER_VALUE cannot be converted to String',
    );
    const prototypeKey = JSON.parse('{"TableName":"t","Item":{"__proto__":{"S":"x"}}}');
    expect(checkInputTypes(prototypeKey, types)).toBe(UNUSUAL);
  });

  it('drops unknown fields and nulls, and floors whole-number fields, as dynalite does', () => {
    const types = typesOf('query');
    const input = { TableName: 't', Limit: 2.7, Unknown: 1, IndexName: null, Select: 'COUNT' };
    expect(checkInputTypes(input, types)).toEqual(dynalite.checkTypes(structuredClone(input), types));
    expect(checkInputTypes(input, types)).toEqual({ TableName: 't', Limit: 2, Select: 'COUNT' });
  });
});
