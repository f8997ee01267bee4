/** Fakes for edge tests: a stack reader and a Lambda API with fixed, inspectable data. */

import { AwsError } from '../runtime/aws-error.ts';
import type { StackReader, StackRecord } from '../services/cloudformation/stack-reader.ts';
import type { LambdaApi } from '../services/lambda/endpoint-api.ts';
import type { FunctionConfig, InvokeRequest, InvokeResult } from '../services/lambda/model.ts';

export const STACK_ID =
  'arn:aws:cloudformation:us-east-1:000000000000:stack/TapStack/11111111-2222-3333-4444-555555555555';

const liveStack: StackRecord = {
  stackId: STACK_ID,
  stackName: 'TapStack',
  status: 'CREATE_COMPLETE',
  description: 'request capture <&> "service"',
  creationTime: Date.UTC(2026, 10, 25, 10, 0, 0),
  lastUpdatedTime: Date.UTC(2026, 10, 25, 11, 0, 0),
  parameters: { EnvironmentSuffix: 'dev' },
  outputs: [
    { key: 'ApiUrl', value: 'http://127.0.0.1:4000/', description: 'The API', exportName: 'TapStack-ApiUrl' },
    { key: 'TableName', value: 'requests-dev' },
  ],
  tags: { project: 'tapstack' },
};

const deletedStack: StackRecord = {
  ...liveStack,
  stackId:
    'arn:aws:cloudformation:us-east-1:000000000000:stack/OldStack/99999999-0000-0000-0000-000000000000',
  stackName: 'OldStack',
  status: 'DELETE_COMPLETE',
  deletionTime: Date.UTC(2026, 10, 24),
  creationTime: Date.UTC(2026, 10, 23),
};

export const fakeStackReader: StackReader = {
  listStacks: () => [liveStack, deletedStack],
  stackResources: (stackId) =>
    stackId === STACK_ID
      ? [
          {
            logicalId: 'RequestTable',
            physicalId: 'requests-dev',
            type: 'AWS::DynamoDB::Table',
            status: 'CREATE_COMPLETE',
            lastUpdated: Date.UTC(2026, 10, 25, 10, 1),
          },
          {
            logicalId: 'RequestQueue',
            physicalId: 'http://q',
            type: 'AWS::SQS::Queue',
            status: 'CREATE_COMPLETE',
            lastUpdated: Date.UTC(2026, 10, 25, 10, 2),
          },
        ]
      : [],
  stackEvents: () => [
    {
      eventId: 'e1',
      logicalId: 'TapStack',
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'CREATE_IN_PROGRESS',
      timestamp: Date.UTC(2026, 10, 25, 10, 0),
    },
    {
      eventId: 'e2',
      logicalId: 'RequestTable',
      physicalId: 'requests-dev',
      resourceType: 'AWS::DynamoDB::Table',
      status: 'CREATE_COMPLETE',
      timestamp: Date.UTC(2026, 10, 25, 10, 1),
    },
    {
      eventId: 'e3',
      logicalId: 'TapStack',
      resourceType: 'AWS::CloudFormation::Stack',
      status: 'CREATE_COMPLETE',
      timestamp: Date.UTC(2026, 10, 25, 10, 1),
    },
  ],
  exports: () => [{ name: 'TapStack-ApiUrl', value: 'http://127.0.0.1:4000/', exportingStackId: STACK_ID }],
  template: () => '{"Resources":{}}',
};

export const fakeFunction: FunctionConfig = {
  name: 'request-processor',
  runtime: 'nodejs22.x',
  handler: 'index.handler',
  code: 'exports.handler = async () => 1;',
  roleArn: 'arn:aws:iam::000000000000:role/processor-role',
  timeoutSeconds: 10,
  memorySizeMb: 256,
  environment: { TABLE_NAME: 'requests-dev' },
  architectures: ['arm64'],
  logFormat: 'JSON',
  logGroupName: '/aws/lambda/request-processor',
};

/** Echoes the event; a payload with `"fail": true` reports an unhandled function error. */
export class FakeLambda implements LambdaApi {
  readonly invocations: InvokeRequest[] = [];

  async invoke(req: InvokeRequest): Promise<InvokeResult> {
    this.invocations.push(req);
    if (req.functionName !== fakeFunction.name) {
      throw new AwsError('ResourceNotFoundException', `Function not found: ${req.functionName}`, 404);
    }
    const event: unknown = JSON.parse(req.payload);
    const failed = typeof event === 'object' && event !== null && 'fail' in event;
    const statusCode = req.invocationType === 'Event' ? 202 : req.invocationType === 'DryRun' ? 204 : 200;
    return {
      statusCode,
      payload: failed ? '{"errorType":"Error","errorMessage":"boom"}' : JSON.stringify({ echo: event }),
      ...(failed ? { functionError: 'Unhandled' as const } : {}),
      requestId: 'req-1',
      executedVersion: '$LATEST',
    };
  }

  getFunction(name: string): FunctionConfig {
    if (name !== fakeFunction.name)
      throw new AwsError('ResourceNotFoundException', `Function not found: ${name}`, 404);
    return fakeFunction;
  }

  listFunctions(): FunctionConfig[] {
    return [fakeFunction];
  }

  /** 5000 bytes of log, so the 4 KB tail limit shows. */
  logTail(requestId: string): string {
    return `${'x'.repeat(4000)}START RequestId: ${requestId}\n${'y'.repeat(975)}END\n`;
  }
}
