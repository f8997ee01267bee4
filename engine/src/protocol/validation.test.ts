import { describe, expect, it } from 'vitest';
import type { AwsError } from '../runtime/aws-error.ts';
import { firstProblem, type InputSchema, validateInput, type WireMode } from './validation.ts';

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

/** The members SQS's SendMessage and Firehose's PutRecordBatch declare, in their rule kinds. */
const firstProblemSchema = {
  QueueUrl: { type: 'string', required: true },
  DelaySeconds: { type: 'integer', min: 0, max: 900 },
  Name: { type: 'string', minLength: 1, maxLength: 3 },
  AttributeNames: { type: 'list', member: { type: 'string' } },
  Attributes: { type: 'map' },
  Records: { type: 'list', member: { type: 'map' }, minItems: 1, maxItems: 2 },
} as const satisfies InputSchema;

const sqsStyle = firstProblem({
  invalid: 'InvalidParameterValue',
  missing: 'MissingParameter',
  mapName: 'record',
});

const firstProblemOf = (raw: unknown): string => {
  try {
    validateInput(firstProblemSchema, raw, 'json', 'unused', sqsStyle);
    return 'ok';
  } catch (error) {
    return `${(error as AwsError).code}: ${(error as AwsError).message}`;
  }
};

describe('firstProblem (the SQS and Firehose answers)', () => {
  const url = 'http://127.0.0.1/000000000000/q';
  it.each([
    [{ QueueUrl: url, Attributes: { Any: 1 }, Records: [{ Data: 'x' }] }, 'ok'],
    [{}, 'MissingParameter: The request must contain the parameter QueueUrl.'],
    [
      { QueueUrl: url, DelaySeconds: '5' },
      'InvalidParameterValue: Value for parameter DelaySeconds is invalid: expected integer.',
    ],
    [
      { QueueUrl: url, DelaySeconds: 901, Name: '' },
      'InvalidParameterValue: Value 901 for parameter DelaySeconds is invalid. Must be at most 900.',
    ],
    [
      { QueueUrl: url, Name: 'abcd' },
      'InvalidParameterValue: Value "abcd" for parameter Name is invalid. Length must be at most 3.',
    ],
    [
      { QueueUrl: url, AttributeNames: ['All', 1] },
      'InvalidParameterValue: Value for parameter AttributeNames is invalid: expected string[].',
    ],
    [
      { QueueUrl: url, Attributes: 'x' },
      'InvalidParameterValue: Value for parameter Attributes is invalid: expected record.',
    ],
    [
      { QueueUrl: url, Records: [] },
      'InvalidParameterValue: Value [] for parameter Records is invalid. Length must be at least 1.',
    ],
    [
      { QueueUrl: url, Records: [{}, {}, 3] },
      'InvalidParameterValue: Value for parameter Records is invalid: expected object[].',
    ],
    [
      { QueueUrl: url, Records: [{}, {}, {}] },
      'InvalidParameterValue: Value [{},{},{}] for parameter Records is invalid. Length must be at most 2.',
    ],
    [[], 'InvalidParameterValue: The request body must be a JSON object'],
  ])('%j -> %s', (raw, expected) => {
    expect(firstProblemOf(raw)).toBe(expected);
  });

  it('keeps map members whole and drops undeclared members', () => {
    const value = validateInput(
      firstProblemSchema,
      { QueueUrl: 'u', Attributes: { A: { B: 1 } }, Other: 1 },
      'json',
      'unused',
      sqsStyle,
    );
    expect(value).toEqual({ QueueUrl: 'u', Attributes: { A: { B: 1 } } });
  });
});
