import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse-template.ts';
import { checkIntrinsicNames } from './check-intrinsics.ts';

const template = (properties: unknown, output?: unknown) =>
  parseTemplate(
    JSON.stringify({
      Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: properties } },
      ...(output === undefined ? {} : { Outputs: { O: { Value: output } } }),
    }),
  );

describe('checkIntrinsicNames', () => {
  it.each([
    [
      { QueueName: { 'Fn::Bogus': ['a'] } },
      undefined,
      "Resources.Q.Properties.QueueName.Fn::Bogus: unknown intrinsic function 'Fn::Bogus'",
    ],
    [
      { Tags: [{ Key: 'k', Value: { 'Fn::Upper': 'x' } }] },
      undefined,
      "Resources.Q.Properties.Tags.0.Value.Fn::Upper: unknown intrinsic function 'Fn::Upper'",
    ],
    [
      {},
      { 'Fn::Join': ['', [{ 'Fn::Nope': 1 }]] },
      "Outputs.O.Value.Fn::Join.1.0.Fn::Nope: unknown intrinsic function 'Fn::Nope'",
    ],
  ])('refuses %j / %j naming the place', (properties, output, message) => {
    expect(() => checkIntrinsicNames(template(properties, output))).toThrow(message);
  });

  it('accepts every supported intrinsic, nested', () => {
    expect(() =>
      checkIntrinsicNames(
        template(
          {
            QueueName: {
              'Fn::Join': [
                '-',
                [{ Ref: 'AWS::StackName' }, { 'Fn::Select': [0, { 'Fn::Split': [',', 'a,b'] }] }],
              ],
            },
          },
          // biome-ignore lint/suspicious/noTemplateCurlyInString: Fn::Sub syntax, not a JS template
          { 'Fn::Sub': ['${Region}', { Region: { Ref: 'AWS::Region' } }] },
        ),
      ),
    ).not.toThrow();
  });
});
