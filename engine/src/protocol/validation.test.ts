import { describe, expect, it } from 'vitest';
import type { AwsError } from '../runtime/aws-error.ts';
import { type InputSchema, validateInput, type WireMode } from './validation.ts';

const schema = {
  Name: { type: 'string', required: true, maxLength: 3, pattern: /^[a-z]+$/ },
  Count: { type: 'integer', min: 1 },
  Enabled: { type: 'boolean' },
  Kind: { type: 'string', enum: ['A', 'B'] },
  Items: { type: 'list', member: { type: 'string', maxLength: 1 } },
  Nested: { type: 'structure', fields: { Inner: { type: 'integer', required: true } } },
} as const satisfies InputSchema;

const problems = (raw: unknown, mode: WireMode = 'json'): string => {
  try {
    validateInput(schema, raw, mode, 'ValidationException');
    return 'ok';
  } catch (error) {
    return (error as AwsError).message;
  }
};

describe('validateInput', () => {
  it.each([
    [{ Name: 'ab' }, 'ok'],
    [
      {},
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    ],
    [
      { Name: 'abcd' },
      "1 validation error detected: Value 'abcd' at 'name' failed to satisfy constraint: Member must have length less than or equal to 3",
    ],
    [
      { Name: 'A1' },
      "1 validation error detected: Value 'A1' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z]+$",
    ],
    [
      { Name: 'a', Count: 0, Kind: 'C' },
      "2 validation errors detected: Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'C' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [A, B]",
    ],
    [
      { Name: 'a', Items: ['x', 'yy'] },
      "1 validation error detected: Value 'yy' at 'items.2.member' failed to satisfy constraint: Member must have length less than or equal to 1",
    ],
    [
      { Name: 'a', Nested: {} },
      "1 validation error detected: Value null at 'nested.inner' failed to satisfy constraint: Member must not be null",
    ],
    [
      { Name: 'a', Count: '2' },
      "1 validation error detected: Value '2' at 'count' failed to satisfy constraint: Member must be an integer",
    ],
    [
      'not an object',
      "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null",
    ],
  ])('json %j -> %s', (raw, expected) => {
    expect(problems(raw)).toBe(expected);
  });

  it('converts query-protocol strings to their declared types', () => {
    // Act
    const value = validateInput(
      schema,
      { Name: 'a', Count: '2', Enabled: 'true' },
      'query',
      'ValidationError',
    );
    // Assess
    expect(value).toEqual({ Name: 'a', Count: 2, Enabled: true });
  });

  it('drops fields the schema does not declare', () => {
    expect(validateInput(schema, { Name: 'a', Extra: 1 }, 'json', 'X')).toEqual({ Name: 'a' });
  });

  it('throws with the service validation code and status 400', () => {
    try {
      validateInput(schema, {}, 'query', 'ValidationError');
    } catch (error) {
      expect((error as AwsError).code).toBe('ValidationError');
      expect((error as AwsError).status).toBe(400);
      return;
    }
    throw new Error('expected a validation error');
  });
});
