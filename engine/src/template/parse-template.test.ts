import { describe, expect, it } from 'vitest';
import { parseTemplate } from './parse-template.ts';
import { TemplateError } from './template-error.ts';

const minimal = { Resources: { Queue: { Type: 'AWS::SQS::Queue' } } };

describe('parseTemplate', () => {
  it('reads every section into the typed model', () => {
    // Prepare
    const text = JSON.stringify({
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'demo',
      Parameters: {
        Env: { Type: 'String', Default: 'dev', AllowedValues: ['dev', 'prod'], NoEcho: true, MinLength: '1' },
      },
      Mappings: { Sizes: { dev: { Memory: 128 } } },
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
      Resources: {
        Queue: {
          Type: 'AWS::SQS::Queue',
          Properties: { QueueName: 'q' },
          DependsOn: 'Table',
          Condition: 'IsProd',
          DeletionPolicy: 'Retain',
          Metadata: { 'aws:cdk:path': 'Stack/Queue' },
        },
        Table: { Type: 'AWS::DynamoDB::Table', DependsOn: ['Other'], UpdateReplacePolicy: 'Snapshot' },
        Other: { Type: 'Custom::Thing' },
      },
      Outputs: {
        QueueUrl: { Value: { Ref: 'Queue' }, Export: { Name: 'x' }, Condition: 'IsProd', Description: 'd' },
      },
    });
    // Act
    const template = parseTemplate(text, 'demo.json');
    // Assess
    expect(template.source).toBe('demo.json');
    expect(template.description).toBe('demo');
    expect(template.parameters).toEqual([
      {
        name: 'Env',
        type: 'String',
        default: 'dev',
        allowedValues: ['dev', 'prod'],
        noEcho: true,
        minLength: 1,
      },
    ]);
    expect(template.mappings).toEqual({ Sizes: { dev: { Memory: 128 } } });
    expect(Object.keys(template.conditions)).toEqual(['IsProd']);
    expect(template.resources.map((r) => r.logicalId)).toEqual(['Queue', 'Table', 'Other']);
    expect(template.resources[0]).toEqual({
      logicalId: 'Queue',
      type: 'AWS::SQS::Queue',
      properties: { QueueName: 'q' },
      dependsOn: ['Table'],
      condition: 'IsProd',
      deletionPolicy: 'Retain',
      updateReplacePolicy: 'Delete',
      metadata: { 'aws:cdk:path': 'Stack/Queue' },
    });
    expect(template.resources[1]?.updateReplacePolicy).toBe('Snapshot');
    expect(template.outputs).toEqual([
      {
        logicalId: 'QueueUrl',
        value: { Ref: 'Queue' },
        exportName: 'x',
        condition: 'IsProd',
        description: 'd',
      },
    ]);
  });

  it.each([
    ['not JSON', '{', '', 'is not valid JSON'],
    ['neither JSON nor YAML', 'Resources: [\n', '', 'is not valid JSON or YAML'],
    ['YAML that is not a mapping', '- a\n- b\n', '', 'expected a JSON object'],
    ['not an object', '[]', '', 'expected a JSON object'],
    ['an unknown section', { ...minimal, Resource: {} }, 'Resource', 'unknown top-level section'],
    ['no Resources', { Description: 'x' }, 'Resources', 'the section is required'],
    ['empty Resources', { Resources: {} }, 'Resources', 'at least one resource'],
    ['a resource without Type', { Resources: { Q: { Properties: {} } } }, 'Resources.Q', 'Type is required'],
    [
      'a bad logical id',
      { Resources: { 'my-queue': { Type: 'AWS::SQS::Queue' } } },
      'Resources.my-queue',
      'not a valid logical id',
    ],
    [
      'Properties not an object',
      { Resources: { MyQueue: { Type: 'AWS::SQS::Queue', Properties: [] } } },
      'Resources.MyQueue.Properties',
      'Resources.MyQueue.Properties: expected an object, got a list',
    ],
    [
      'an unknown resource key',
      { Resources: { Q: { Type: 'AWS::SQS::Queue', Propertie: {} } } },
      'Resources.Q',
      "unknown key 'Propertie'",
    ],
    [
      'a bad DeletionPolicy',
      { Resources: { Q: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Keep' } } },
      'Resources.Q.DeletionPolicy',
      "'Keep' is not one of",
    ],
    [
      'a bad type name',
      { Resources: { Q: { Type: 'Queue' } } },
      'Resources.Q.Type',
      'not a resource type name',
    ],
    [
      'an undeclared condition',
      { Resources: { Q: { Type: 'AWS::SQS::Queue', Condition: 'Nope' } } },
      'Resources.Q.Condition',
      "condition 'Nope'",
    ],
    [
      'an output without Value',
      { ...minimal, Outputs: { O: { Description: 'x' } } },
      'Outputs.O',
      'Value is required',
    ],
    [
      'an export without Name',
      { ...minimal, Outputs: { O: { Value: 'v', Export: {} } } },
      'Outputs.O.Export',
      'Name is required',
    ],
    [
      'a parameter without Type',
      { ...minimal, Parameters: { P: { Default: 'x' } } },
      'Parameters.P',
      'Type is required',
    ],
    [
      'a bad AllowedPattern',
      { ...minimal, Parameters: { P: { Type: 'String', AllowedPattern: '(' } } },
      'Parameters.P.AllowedPattern',
      'not a valid regular expression',
    ],
    ['a Transform', { ...minimal, Transform: 'AWS::Serverless-2016-10-31' }, 'Transform', 'not supported'],
    [
      'a parameter and resource with one id',
      { ...minimal, Parameters: { Queue: { Type: 'String' } } },
      'Resources.Queue',
      'declared as a parameter',
    ],
    [
      'a bad version',
      { ...minimal, AWSTemplateFormatVersion: '2020-01-01' },
      'AWSTemplateFormatVersion',
      'unsupported version',
    ],
  ])('rejects %s, naming the location', (_name, input, path, message) => {
    // Act
    const failure = (() => {
      try {
        parseTemplate(typeof input === 'string' ? input : JSON.stringify(input));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    // Assess
    expect(failure).toBeInstanceOf(TemplateError);
    expect((failure as TemplateError).path).toBe(path);
    expect((failure as TemplateError).message).toContain(message);
    expect((failure as TemplateError).code).toBe('ValidationError');
  });
});
