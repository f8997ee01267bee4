import { describe, expect, it } from 'vitest';
import { awsDeployArguments } from './commands/deploy.ts';
import { parseParameterOverrides } from './parameters.ts';

describe('parameter overrides', () => {
  it.each([
    [['EnvironmentSuffix=dev'], { EnvironmentSuffix: 'dev' }],
    [['EnvironmentSuffix=dev', 'EnvironmentSuffix=prod'], { EnvironmentSuffix: 'prod' }],
    [['AlarmEmail=a=b@example.com'], { AlarmEmail: 'a=b@example.com' }],
    [['Empty='], { Empty: '' }],
  ])('parses %j', (pairs, expected) => {
    expect(parseParameterOverrides(pairs)).toEqual(expected);
  });

  it.each([['NoEquals'], ['=value']])('rejects %s naming the pair', (pair) => {
    expect(() => parseParameterOverrides([pair])).toThrow(pair);
  });
});

describe('aws deploy command', () => {
  it('is the seed command unchanged for the default stack', () => {
    const args = awsDeployArguments({
      template: 'lib/TapStack.json',
      stackName: 'serverless-infrastructure',
      parameters: { EnvironmentSuffix: 'dev' },
    });
    expect(['aws', ...args].join(' ')).toBe(
      'aws cloudformation deploy --template-file lib/TapStack.json --stack-name serverless-infrastructure --capabilities CAPABILITY_IAM --parameter-overrides EnvironmentSuffix=dev',
    );
  });
});
