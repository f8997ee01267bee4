import { describe, expect, it } from 'vitest';
import { resolveParameters } from './parameters.ts';
import { parseTemplate } from './parse-template.ts';

const withParameters = (parameters: Record<string, unknown>) =>
  parseTemplate(JSON.stringify({ Parameters: parameters, Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));

describe('resolveParameters', () => {
  it('applies defaults and overrides, keeps Number as text and splits list types', () => {
    // Prepare
    const template = withParameters({
      Env: { Type: 'String', Default: 'dev' },
      Size: { Type: 'Number', Default: '5', MinValue: 1, MaxValue: 10 },
      Ports: { Type: 'List<Number>', Default: '80,443' },
      Names: { Type: 'CommaDelimitedList' },
      Vpc: { Type: 'AWS::EC2::VPC::Id', Default: 'vpc-1' },
      Version: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/version' },
      Secret: { Type: 'String', NoEcho: true, Default: 's3cret' },
    });
    // Act
    const resolved = resolveParameters(template, { Names: 'a,b,c', Size: '7' });
    // Assess
    expect(resolved.values).toEqual({
      Env: 'dev',
      Size: '7',
      Ports: ['80', '443'],
      Names: ['a', 'b', 'c'],
      Vpc: 'vpc-1',
      Version: '/cdk-bootstrap/version',
      Secret: 's3cret',
    });
    expect(resolved.raw.Names).toBe('a,b,c');
    expect(resolved.noEcho).toEqual(['Secret']);
  });

  it.each([
    ['a missing value', { P: { Type: 'String' } }, {}, 'Parameters: [P] must have values'],
    [
      'an unknown override',
      { P: { Type: 'String', Default: 'x' } },
      { Q: '1' },
      'Parameters: [Q] do not exist in the template',
    ],
    [
      'a value outside AllowedValues',
      { P: { Type: 'String', AllowedValues: ['a', 'b'] } },
      { P: 'c' },
      "Parameter 'P' must be one of AllowedValues",
    ],
    [
      'a partial pattern match',
      { P: { Type: 'String', AllowedPattern: '[a-z]+' } },
      { P: 'abc1' },
      'Malformed input-Parameter P must match pattern [a-z]+',
    ],
    [
      'a too short value',
      { P: { Type: 'String', MinLength: 3 } },
      { P: 'ab' },
      "Parameter 'P' must contain at least 3 characters",
    ],
    [
      'a too long value',
      { P: { Type: 'String', MaxLength: 2 } },
      { P: 'abc' },
      "Parameter 'P' must contain at most 2 characters",
    ],
    ['a non-number', { P: { Type: 'Number' } }, { P: 'ten' }, "Parameter 'P' must be a number"],
    ['a number below MinValue', { P: { Type: 'Number', MinValue: 5 } }, { P: '4' }, 'not less than 5'],
    ['a number above MaxValue', { P: { Type: 'Number', MaxValue: 5 } }, { P: '6' }, 'not greater than 5'],
    ['a bad list element', { P: { Type: 'List<Number>' } }, { P: '1,x' }, "Parameter 'P' must be a number"],
    ['an unknown type', { P: { Type: 'Strin', Default: 'x' } }, {}, "unsupported parameter type 'Strin'"],
    [
      'a violation with a ConstraintDescription',
      { P: { Type: 'String', AllowedPattern: '[a-z]+', ConstraintDescription: 'must be lowercase letters' } },
      { P: 'ABC' },
      'Malformed input-Parameter P must be lowercase letters',
    ],
  ])('rejects %s with the CloudFormation message', (_name, parameters, overrides, message) => {
    expect(() => resolveParameters(withParameters(parameters), overrides)).toThrow(message);
  });

  it('accepts a value that matches the whole pattern and a default that is allowed', () => {
    const template = withParameters({
      P: { Type: 'String', AllowedPattern: '[a-z]+', Default: 'ok', AllowedValues: ['ok', 'fine'] },
    });
    expect(resolveParameters(template, {}).values.P).toBe('ok');
    expect(resolveParameters(template, { P: 'fine' }).values.P).toBe('fine');
  });
});
