import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { cacheParsedExpressions, type ExpressionValidator } from './expression-cache.ts';

const require = createRequire(import.meta.url);
/** dynalite's own validations module: a fresh one per test, so each gets its own memory. */
const freshValidations = (): ExpressionValidator => {
  const path = require.resolve('dynalite/validations/index.js');
  const real = require(path) as ExpressionValidator;
  return { validateExpressions: real.validateExpressions };
};

const REQUESTS: Record<string, unknown>[] = [
  { ConditionExpression: 'attribute_not_exists(RequestId)' },
  {
    UpdateExpression: 'SET #a = :v, b = list_append(b, :l) ADD c :n REMOVE d[1]',
    ConditionExpression: 'size(#a) > :n AND begins_with(x, :s)',
    ExpressionAttributeNames: { '#a': 'A' },
    ExpressionAttributeValues: {
      ':v': { S: 'x' },
      ':l': { L: [{ N: '1' }] },
      ':n': { N: '3' },
      ':s': { S: 'p' },
    },
  },
  {
    KeyConditionExpression: 'TimeShard = :p AND #t BETWEEN :from AND :to',
    FilterExpression: 'attribute_exists(Body)',
    ProjectionExpression: 'RequestId, #t',
    ExpressionAttributeNames: { '#t': 'Timestamp' },
    ExpressionAttributeValues: { ':p': { S: '2026-12-04' }, ':from': { S: 'a' }, ':to': { S: 'z' } },
  },
];

const OUTPUTS = ['_updates', '_condition', '_keyCondition', '_filter', '_projection'];
const parsedFields = (data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(OUTPUTS.filter((field) => field in data).map((field) => [field, data[field]]));

describe('cacheParsedExpressions', () => {
  it('gives a kept parse equal to a fresh parse, for every kind of expression', () => {
    const plain = freshValidations();
    const cached = freshValidations();
    const size = cacheParsedExpressions(cached);
    for (const request of REQUESTS) {
      const fresh = structuredClone(request);
      expect(plain.validateExpressions(fresh)).toBeUndefined();
      for (let round = 0; round < 3; round++) {
        const data = structuredClone(request);
        expect(cached.validateExpressions(data)).toBeUndefined();
        expect(parsedFields(data)).toEqual(parsedFields(fresh));
      }
    }
    expect(size()).toBe(REQUESTS.length);
  });

  it('hands out a copy each time, so a caller changing its parse does not change the next one', () => {
    const cached = freshValidations();
    cacheParsedExpressions(cached);
    const first: Record<string, unknown> = { ConditionExpression: 'attribute_not_exists(RequestId)' };
    cached.validateExpressions(first);
    (first._condition as { expression: { name: string } }).expression.name = 'changed';
    const second: Record<string, unknown> = { ConditionExpression: 'attribute_not_exists(RequestId)' };
    cached.validateExpressions(second);
    expect((second._condition as { expression: { name: string } }).expression.name).toBe(
      'attribute_not_exists',
    );
  });

  it('keys by names and values: the same expression with other names parses to other paths', () => {
    const cached = freshValidations();
    cacheParsedExpressions(cached);
    const parse = (name: string): unknown => {
      const data: Record<string, unknown> = {
        ConditionExpression: 'attribute_exists(#n)',
        ExpressionAttributeNames: { '#n': name },
      };
      cached.validateExpressions(data);
      return (data._condition as { expression: { args: unknown[] } }).expression.args;
    };
    expect(parse('First')).toEqual([['First']]);
    expect(parse('Second')).toEqual([['Second']]);
  });

  it('refuses an invalid expression with dynalite message every time and never keeps it', () => {
    const cached = freshValidations();
    const size = cacheParsedExpressions(cached);
    for (let round = 0; round < 2; round++) {
      const message = cached.validateExpressions({ ConditionExpression: 'attribute_not_exists(' });
      expect(message).toMatch(/^Invalid ConditionExpression: Syntax error/);
      const unused = cached.validateExpressions({
        ConditionExpression: 'attribute_exists(a)',
        ExpressionAttributeNames: { '#unused': 'x' },
      });
      expect(unused).toMatch(/unused in expressions: keys: \{#unused\}/);
    }
    expect(size()).toBe(0);
  });

  it('does not keep a parse whose values are large, and empties itself at its limit', () => {
    const cached = freshValidations();
    const size = cacheParsedExpressions(cached, 2);
    const big: Record<string, unknown> = {
      ConditionExpression: 'a = :v',
      ExpressionAttributeValues: { ':v': { S: 'x'.repeat(4000) } },
    };
    expect(cached.validateExpressions(big)).toBeUndefined();
    expect(big._condition).toBeDefined();
    expect(size()).toBe(0);
    for (const name of ['a', 'b', 'c'])
      cached.validateExpressions({ ConditionExpression: `attribute_exists(${name})` });
    expect(size()).toBe(1);
  });
});
