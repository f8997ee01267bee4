import { describe, expect, it } from 'vitest';
import { compileFilterPattern } from './filter-pattern.ts';

describe('filter patterns', () => {
  it.each([
    ['', 'anything', true],
    ['ERROR', 'an ERROR here', true],
    ['ERROR', 'an error here', false],
    ['ERROR timeout', 'ERROR: timeout', true],
    ['ERROR timeout', 'ERROR: ok', false],
    ['"task timed out"', 'Task: task timed out after 3s', true],
    ['ERROR -debug', 'ERROR debug', false],
    ['?WARN ?ERROR', 'a WARN line', true],
    ['?WARN ?ERROR', 'an INFO line', false],
    ['{ $.status = 500 }', '{"status":"500"}', true],
    ['{ $.status = 500 }', '{"status":200}', false],
    ['{ $.status >= 500 }', '{"status":"503"}', true],
    ['{ $.level = "ERR*" }', '{"level":"ERROR"}', true],
    ['{ $.a.b != "x" }', '{"a":{"b":"y"}}', true],
    ['{ $.status = 500 || $.status = 429 }', '{"status":429}', true],
    ['{ $.status = 500 && $.path = "/x" }', '{"status":500,"path":"/y"}', false],
    ['{ $.status = 500 }', 'not json', false],
    ['{ $.missing = 1 }', '{"status":1}', false],
  ])('%s against %s → %s', (pattern, message, expected) => {
    expect(compileFilterPattern(pattern)(message)).toBe(expected);
  });

  it.each([['{ $.a = }'], ['{ status = 1 }'], ['{ $.a = 1']])(
    'rejects %s with InvalidParameterException',
    (pattern) => {
      expect(() => compileFilterPattern(pattern)).toThrow(/Invalid filter pattern/);
    },
  );
});
