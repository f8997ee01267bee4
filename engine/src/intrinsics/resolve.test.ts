// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { describe, expect, it } from 'vitest';
import { NO_VALUE } from './context.ts';
import { IntrinsicError } from './intrinsic-error.ts';
import { testContext } from './resolution-context.fixture.ts';
import { resolveProperties, resolveValue } from './resolve.ts';

const resolve = (value: unknown) => resolveValue(value, testContext(), 'Resources.R.Properties.P');

describe('resolveValue', () => {
  it.each<[string, unknown, unknown]>([
    ['plain values pass through', { a: [1, 'b', true, null] }, { a: [1, 'b', true, null] }],
    ['Ref to a parameter', { Ref: 'Env' }, 'dev'],
    ['Ref to a list parameter', { Ref: 'Zones' }, ['a', 'b']],
    ['Ref to a resource', { Ref: 'Queue' }, 'https://sqs/q'],
    ['Ref AWS::AccountId', { Ref: 'AWS::AccountId' }, '000000000000'],
    ['Ref AWS::Region', { Ref: 'AWS::Region' }, 'us-east-1'],
    ['Ref AWS::StackName', { Ref: 'AWS::StackName' }, 'app'],
    [
      'Ref AWS::StackId',
      { Ref: 'AWS::StackId' },
      'arn:aws:cloudformation:us-east-1:000000000000:stack/app/1',
    ],
    ['Ref AWS::Partition', { Ref: 'AWS::Partition' }, 'aws'],
    ['Ref AWS::URLSuffix', { Ref: 'AWS::URLSuffix' }, 'amazonaws.com'],
    ['Ref AWS::NotificationARNs', { Ref: 'AWS::NotificationARNs' }, []],
    ['Ref AWS::NoValue', { Ref: 'AWS::NoValue' }, NO_VALUE],
    ['GetAtt list form', { 'Fn::GetAtt': ['Queue', 'Arn'] }, 'arn:aws:sqs:us-east-1:000000000000:q'],
    ['GetAtt string form', { 'Fn::GetAtt': 'Queue.Arn' }, 'arn:aws:sqs:us-east-1:000000000000:q'],
    ['GetAtt dotted attribute', { 'Fn::GetAtt': 'Db.Endpoint.Address' }, 'db.local'],
    ['GetAtt attribute from Ref', { 'Fn::GetAtt': ['Queue', { 'Fn::Join': ['', ['Queue', 'Name']] }] }, 'q'],
    ['Sub with pseudo and Ref', { 'Fn::Sub': '${AWS::StackName}-${Env}-${Queue}' }, 'app-dev-https://sqs/q'],
    ['Sub with GetAtt', { 'Fn::Sub': '${Queue.Arn}/*' }, 'arn:aws:sqs:us-east-1:000000000000:q/*'],
    ['Sub escape', { 'Fn::Sub': '${!Literal}-${Env}' }, '${Literal}-dev'],
    ['Sub unclosed', { 'Fn::Sub': 'a${b' }, 'a${b'],
    ['Sub with variables', { 'Fn::Sub': ['${X}-${Env}', { X: { Ref: 'Size' }, Env: 'local' }] }, '5-local'],
    ['Sub local shadows GetAtt syntax', { 'Fn::Sub': ['${A.B}', { 'A.B': 'v' }] }, 'v'],
    ['Join', { 'Fn::Join': ['-', ['a', { Ref: 'Env' }, 3]] }, 'a-dev-3'],
    ['Join of a list parameter', { 'Fn::Join': [',', { Ref: 'Zones' }] }, 'a,b'],
    ['Join drops NoValue', { 'Fn::Join': ['', ['a', { Ref: 'AWS::NoValue' }, 'b']] }, 'ab'],
    ['Select', { 'Fn::Select': ['1', ['a', 'b', 'c']] }, 'b'],
    ['Select from GetAZs', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }, 'us-east-1a'],
    ['Split', { 'Fn::Split': ['|', 'a|b||c'] }, ['a', 'b', '', 'c']],
    ['If true', { 'Fn::If': ['Yes', 'y', { Ref: 'Missing' }] }, 'y'],
    ['If false', { 'Fn::If': ['No', { Ref: 'Missing' }, 'n'] }, 'n'],
    ['If to NoValue', { 'Fn::If': ['No', 'x', { Ref: 'AWS::NoValue' }] }, NO_VALUE],
    ['Equals strings', { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, true],
    ['Equals number and text', { 'Fn::Equals': [{ Ref: 'Size' }, 5] }, true],
    ['And', { 'Fn::And': [{ Condition: 'Yes' }, { 'Fn::Equals': ['a', 'a'] }] }, true],
    ['Or', { 'Fn::Or': [{ Condition: 'No' }, { Condition: 'Yes' }] }, true],
    ['Not', { 'Fn::Not': [{ Condition: 'Yes' }] }, false],
    ['FindInMap', { 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'Memory'] }, '128'],
    ['FindInMap list value', { 'Fn::FindInMap': ['Sizes', 'dev', 'List'] }, ['x', 'y']],
    ['FindInMap default', { 'Fn::FindInMap': ['Sizes', 'prod', 'Memory', { DefaultValue: '64' }] }, '64'],
    ['Base64', { 'Fn::Base64': { 'Fn::Sub': 'hi ${Env}' } }, Buffer.from('hi dev').toString('base64')],
    ['GetAZs for a region', { 'Fn::GetAZs': 'eu-west-1' }, ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']],
    ['ImportValue', { 'Fn::ImportValue': { 'Fn::Join': ['', ['sha', 'red']] } }, 'imported'],
    ['Cidr', { 'Fn::Cidr': ['10.0.0.0/16', 3, 8] }, ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24']],
    [
      'NoValue removed from objects and lists',
      { a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }] },
      { b: [1] },
    ],
    [
      'IAM Condition key is data',
      { Condition: { StringEquals: { k: 'v' } } },
      { Condition: { StringEquals: { k: 'v' } } },
    ],
  ])('%s', (_name, input, expected) => {
    expect(resolve(input)).toEqual(expected);
  });

  it.each<[string, unknown, string, string]>([
    [
      'unknown function',
      { a: { 'Fn::Length': [1] } },
      'Resources.R.Properties.P.a.Fn::Length',
      "unknown intrinsic function 'Fn::Length'",
    ],
    ['unknown Ref', { Ref: 'Missing' }, 'Resources.R.Properties.P.Ref', "unresolved reference to 'Missing'"],
    [
      'unknown pseudo parameter',
      { Ref: 'AWS::Nope' },
      'Resources.R.Properties.P.Ref',
      "unknown pseudo parameter 'AWS::Nope'",
    ],
    [
      'unknown attribute',
      { 'Fn::GetAtt': ['Queue', 'Url'] },
      'Resources.R.Properties.P.Fn::GetAtt',
      "unresolved attribute 'Url' of 'Queue'",
    ],
    [
      'bad GetAtt string',
      { 'Fn::GetAtt': 'Queue' },
      'Resources.R.Properties.P.Fn::GetAtt',
      "expected 'logicalId.attribute'",
    ],
    [
      'Sub list variable',
      { 'Fn::Sub': '${Zones}' },
      'Resources.R.Properties.P.Fn::Sub',
      "variable '${Zones}' must resolve to a string",
    ],
    [
      'Join of a non-list',
      { 'Fn::Join': ['', 'abc'] },
      'Resources.R.Properties.P.Fn::Join.1',
      'expected the second argument to be a list',
    ],
    [
      'Join argument count',
      { 'Fn::Join': [''] },
      'Resources.R.Properties.P.Fn::Join',
      'expected a list of 2 arguments',
    ],
    [
      'Select out of range',
      { 'Fn::Select': [3, ['a']] },
      'Resources.R.Properties.P.Fn::Select',
      'index 3 is out of range',
    ],
    [
      'If of an undeclared condition',
      { 'Fn::If': ['Maybe', 1, 2] },
      'Resources.R.Properties.P.Fn::If.0',
      "condition 'Maybe' is not declared",
    ],
    [
      'FindInMap miss',
      { 'Fn::FindInMap': ['Sizes', 'prod', 'Memory'] },
      'Resources.R.Properties.P.Fn::FindInMap',
      'has no value at [prod][Memory]',
    ],
    [
      'ImportValue miss',
      { 'Fn::ImportValue': 'other' },
      'Resources.R.Properties.P.Fn::ImportValue',
      'No export named other found',
    ],
    ['Not of a string', { 'Fn::Not': ['yes'] }, 'Resources.R.Properties.P.Fn::Not.0', 'expected a condition'],
    [
      'Cidr too many',
      { 'Fn::Cidr': ['10.0.0.0/24', 3, 8] },
      'Resources.R.Properties.P.Fn::Cidr',
      'cannot hold 3 subnets',
    ],
  ])('fails on %s, naming the path', (_name, input, path, message) => {
    const failure = (() => {
      try {
        resolve(input);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(IntrinsicError);
    expect((failure as IntrinsicError).path).toBe(path);
    expect((failure as IntrinsicError).message).toContain(message);
  });

  it('removes properties that resolve to AWS::NoValue', () => {
    const props = { Keep: 'x', Drop: { 'Fn::If': ['No', 'y', { Ref: 'AWS::NoValue' }] } };
    expect(resolveProperties(props, testContext(), 'Resources.R.Properties')).toEqual({ Keep: 'x' });
  });

  it('wraps an unexpected lookup failure in an IntrinsicError naming the path', () => {
    const ctx = testContext({
      resourcePhysicalId: () => {
        throw new TypeError('boom');
      },
    });
    expect(() => resolveValue({ Ref: 'Queue' }, ctx, 'Outputs.O.Value')).toThrow(
      expect.objectContaining({ path: 'Outputs.O.Value.Ref', detail: 'boom' }),
    );
  });
});
