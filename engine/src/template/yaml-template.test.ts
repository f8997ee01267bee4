// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.ts';

const YAML_TEMPLATE = `AWSTemplateFormatVersion: 2010-09-09
Description: a YAML template
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-\${Env}'
      DelaySeconds: !If [IsProd, 5, !Ref AWS::NoValue]
      Tags:
        - Key: arn
          Value: !GetAtt Other.Arn
        - Key: joined
          Value: !Join [',', [!Select [0, !Split ['-', a-b]], !ImportValue shared-name]]
        - Key: mapped
          Value: !FindInMap [Map, !Ref 'AWS::Region', Key]
        - Key: sub-map
          Value: !Sub
            - '\${X}'
            - X: !Base64 text
  Other:
    Type: AWS::SQS::Queue
    Condition: IsProd
Outputs:
  Url:
    Value: !GetAtt [Queue, QueueUrl]
    Condition: IsProd
  Not:
    Value: !If [IsProd, !Not [!Condition IsProd], no]
`;

describe('YAML templates', () => {
  it('reads short-form tags into the long JSON forms', () => {
    // Act
    const template = parseTemplate(YAML_TEMPLATE);
    // Assess
    expect(template.document.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.conditions).toEqual({ IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } });
    const queue = template.resources.find((r) => r.logicalId === 'Queue');
    expect(queue?.properties).toEqual({
      QueueName: { 'Fn::Sub': '${AWS::StackName}-${Env}' },
      DelaySeconds: { 'Fn::If': ['IsProd', 5, { Ref: 'AWS::NoValue' }] },
      Tags: [
        { Key: 'arn', Value: { 'Fn::GetAtt': ['Other', 'Arn'] } },
        {
          Key: 'joined',
          Value: {
            'Fn::Join': [
              ',',
              [{ 'Fn::Select': [0, { 'Fn::Split': ['-', 'a-b'] }] }, { 'Fn::ImportValue': 'shared-name' }],
            ],
          },
        },
        { Key: 'mapped', Value: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] } },
        { Key: 'sub-map', Value: { 'Fn::Sub': ['${X}', { X: { 'Fn::Base64': 'text' } }] } },
      ],
    });
    expect(template.outputs.map((o) => o.value)).toEqual([
      { 'Fn::GetAtt': ['Queue', 'QueueUrl'] },
      { 'Fn::If': ['IsProd', { 'Fn::Not': [{ Condition: 'IsProd' }] }, 'no'] },
    ]);
  });

  it.each([
    ['a tab-indented block', 'Resources:\n\tQ:\n\t\tType: AWS::SQS::Queue\n', 'is not valid JSON or YAML'],
    [
      'a duplicate key',
      'Resources:\n  Q:\n    Type: A::B::C\n  Q:\n    Type: A::B::C\n',
      'Map keys must be unique',
    ],
    [
      'an unknown section',
      'Resource:\n  Q:\n    Type: AWS::SQS::Queue\n',
      'Resource: unknown top-level section',
    ],
    ['an empty body', '   \n', 'template is empty'],
  ])('refuses %s naming the problem', (_name, text, expected) => {
    expect(() => parseTemplate(text)).toThrow(expected);
  });
});
