/**
 * Table test of the filter-pattern grammar against the examples on AWS's pages
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html and its
 * sub-pages (unstructured terms, JSON events, space-delimited events), followed by edge cases
 * the pages imply (quoting, precedence, refusals).
 */
import { describe, expect, it } from 'vitest';
import { compileFilterPattern, matchesFilterPattern } from './filter-pattern.ts';

const UNSTRUCTURED = [
  '[ERROR 400] BAD REQUEST',
  '[ERROR 401] UNAUTHORIZED REQUEST',
  '[ERROR 419] MISSING ARGUMENTS',
  '[ERROR 420] INVALID ARGUMENTS',
  '[ERROR 500] INTERNAL SERVER ERROR',
  '[WARN 200] SLOW RESPONSE',
];

const matching = (pattern: string, events: string[]): string[] => {
  const matches = compileFilterPattern(pattern);
  return events.filter((event) => matches(event));
};

describe('unstructured terms (AWS examples)', () => {
  it.each([
    ['', UNSTRUCTURED],
    ['""', UNSTRUCTURED],
    ['ERROR', UNSTRUCTURED.slice(0, 5)],
    ['ERROR ARGUMENTS', [UNSTRUCTURED[2], UNSTRUCTURED[3]]],
    ['?ARGUMENTS ?WARN', [UNSTRUCTURED[2], UNSTRUCTURED[3], UNSTRUCTURED[5]]],
    ['"INTERNAL SERVER ERROR"', [UNSTRUCTURED[4]]],
    ['ERROR -ARGUMENTS', [UNSTRUCTURED[0], UNSTRUCTURED[1], UNSTRUCTURED[4]]],
    ['-ERROR', [UNSTRUCTURED[5]]],
    ['error', []],
    ['%ERROR 4[0-9]{2}%', UNSTRUCTURED.slice(0, 4)],
    ['%AUTHORIZED%', [UNSTRUCTURED[1]]],
  ])('%s', (pattern, expected) => {
    expect(matching(pattern, UNSTRUCTURED)).toEqual(expected);
  });

  it('?ERROR ?"Task timed out" (what tapstack status asks) matches either, quoted phrase intact', () => {
    const pattern = '?ERROR ?"Task timed out"';
    expect(matchesFilterPattern(pattern, '2026-01-01T00:00:00Z abc Task timed out after 3.00 seconds')).toBe(
      true,
    );
    expect(matchesFilterPattern(pattern, '{"level":"ERROR","message":"boom"}')).toBe(true);
    expect(matchesFilterPattern(pattern, 'Task finished; timed out? no')).toBe(false);
  });

  it('quoted phrases keep escaped quotes and can be excluded', () => {
    expect(matchesFilterPattern('"say \\"hi\\""', 'they say "hi" loudly')).toBe(true);
    expect(matchesFilterPattern('ERROR -"MISSING ARGUMENTS"', UNSTRUCTURED[2] as string)).toBe(false);
    expect(matchesFilterPattern('ERROR -"MISSING ARGUMENTS"', UNSTRUCTURED[3] as string)).toBe(true);
  });
});

const TRAIL = JSON.stringify({
  eventType: 'UpdateTrail',
  sourceIPAddress: '111.111.111.111',
  arrayKey: ['value', 'another value'],
  objectList: [
    { name: 'a', id: 1 },
    { name: 'b', id: 2 },
  ],
  SomeObject: null,
  ThisFlag: true,
});

const NUMBERS = JSON.stringify({
  latency: 50,
  bandwidth: 100,
  refreshRate: 60,
  responseTime: 5,
  errorCode: 400,
  number: [0.001, 1e12],
});

const USERS = JSON.stringify({
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [
    { id: 2, email: 'John.Doe@example.com' },
    { id: 3, email: 'Jane.Doe@example.com' },
  ],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [
    [0, 1],
    [2, 3],
  ],
});

describe('JSON events (AWS examples)', () => {
  it.each([
    ['{ $.eventType = "UpdateTrail" }', TRAIL, true],
    ['{ $.eventType = UpdateTrail }', TRAIL, true],
    ['{ $.eventType = "Update*" }', TRAIL, true],
    ['{ $.eventType = "DeleteTrail" }', TRAIL, false],
    ['{ $.sourceIPAddress != 123.123.* }', TRAIL, true],
    ['{ $.sourceIPAddress != 111.111.* }', TRAIL, false],
    ['{ $.arrayKey[0] = "value" }', TRAIL, true],
    ['{ $.arrayKey[1] = "value" }', TRAIL, false],
    ['{ $.objectList[1].id = 2 }', TRAIL, true],
    ['{ $.objectList[0].id = 2 }', TRAIL, false],
    ['{ $.SomeObject IS NULL }', TRAIL, true],
    ['{ $.ThisFlag IS NULL }', TRAIL, false],
    ['{ $.SomeOtherObject NOT EXISTS }', TRAIL, true],
    ['{ $.SomeObject NOT EXISTS }', TRAIL, false],
    ['{ $.ThisFlag IS TRUE }', TRAIL, true],
    ['{ $.ThisFlag IS FALSE }', TRAIL, false],
    ['{ $.eventType = %Trail$% }', TRAIL, true],
    ['{ $.bandwidth > 75 }', NUMBERS, true],
    ['{ $.latency < 50 }', NUMBERS, false],
    ['{ $.refreshRate >= 60 }', NUMBERS, true],
    ['{ $.responseTime <= 5 }', NUMBERS, true],
    ['{ $.errorCode = 400 }', NUMBERS, true],
    ['{ $.errorCode != 500 }', NUMBERS, true],
    ['{ $.number[0] = 1e-3 }', NUMBERS, true],
    ['{ $.number[1] != 1e+12 }', NUMBERS, false],
    ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', USERS, true],
    [
      '{ ($.user.id = 2 && $.users[0].email = "John.Doe@example.com") || $.actions[2] = "GET" }',
      USERS,
      false,
    ],
    [
      '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nomatch && $.actions[2] = nomatch }',
      USERS,
      true,
    ],
    [
      '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nomatch) && $.actions[2] = nomatch }',
      USERS,
      false,
    ],
    ['{ $.coordinates[1][0] = 2 }', USERS, true],
  ])('%s → %s', (pattern, event, expected) => {
    expect(matchesFilterPattern(pattern, event)).toBe(expected);
  });

  it('matches nothing in an event that is not JSON, and a missing field never matches != either', () => {
    expect(matchesFilterPattern('{ $.status = 500 }', 'status 500')).toBe(false);
    expect(matchesFilterPattern('{ $.missing != 1 }', '{"status":1}')).toBe(false);
  });
});

const ACCESS = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';

describe('space-delimited events (AWS examples)', () => {
  it.each([
    ['[ip, user, username, timestamp, request, status_code, bytes]', true],
    ['[ip, user, username, timestamp, request, status_code]', false],
    ['[ip, user, username, timestamp, request =*html*, status_code = 4*, bytes]', true],
    ['[ip, user, username, timestamp, request = "GET /index.html*", status_code = 404, bytes > 1000]', true],
    ['[ip, user, username, timestamp, request, status_code = 5*, bytes]', false],
    ['[ip, user, username, timestamp, request, status_code = 4* || status_code = 5*, bytes]', true],
    ['[ip, user, username, timestamp, request, status_code = 404, bytes >= 1535]', false],
    ['[..., status_code = 404, bytes]', true],
    ['[ip = 127.0.0.*, ...]', true],
    ['[ip, user = -, username = frank, ...]', true],
    ['[ip, ..., bytes < 2000]', true],
    ['[timestamp = "10/Oct/2000*", ...]', false],
    ['[ip, user, username, timestamp = 10/Oct/2000*, ...]', true],
    ['[ip, user, username, timestamp, request = %GET /[a-z]+\\.html%, status_code, bytes]', true],
    ['[ip, user, username, timestamp, request, status_code, bytes = %^1[0-9]{3}$% && bytes > 1500]', true],
  ])('%s → %s', (pattern, expected) => {
    expect(matchesFilterPattern(pattern, ACCESS)).toBe(expected);
  });
});

describe('refused patterns (InvalidParameterException naming the problem)', () => {
  it.each([
    ['{ $.a = }', /value is missing/],
    ['{ status = 1 }', /selector/],
    ['{ $.a = 1', /must end with }/],
    ['{ $.a > "x" }', /compares numbers only/],
    ['{ ($.a = 1 }', /not closed/],
    ['{ $.a IS MAYBE }', /not a JSON test/],
    ['[a, b = 1', /must end with ]/],
    ['[a, , b]', /empty field/],
    ['[a, b = 1 && c = 2]', /"c", which is not a field/],
    ['[a, ..., b, ...]', /only one "..."/],
    ['"unclosed phrase', /not closed/],
    ['%unclosed', /not closed/],
    ['%(%', /not a valid regular expression/],
    ['ERROR ?', /must be followed by a term/],
  ])('%s', (pattern, why) => {
    let thrown: unknown;
    try {
      compileFilterPattern(pattern);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'InvalidParameterException', status: 400 });
    expect((thrown as Error).message).toMatch(why);
  });
});
