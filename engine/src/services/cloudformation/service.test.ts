import { describe, expect, it } from 'vitest';
import { fakeStackReader, STACK_ID } from '../../edge/fakes.fixture.ts';
import type { RequestContext } from '../../protocol/operation.ts';
import type { AwsError } from '../../runtime/aws-error.ts';
import { cloudFormationOperations } from './operation-table.ts';

const ctx: RequestContext = {
  requestId: 'r',
  region: 'us-east-1',
  accountId: '000000000000',
  caller: { accessKeyId: 'test', kind: 'root' },
};
const ops = cloudFormationOperations(fakeStackReader);

const call = async (name: string, input: Record<string, unknown>): Promise<unknown> => {
  const op = ops[name];
  if (!op) throw new Error(`no operation ${name}`);
  return op.execute(op.validate(input, 'query', 'ValidationError'), ctx);
};

const failure = async (name: string, input: Record<string, unknown>): Promise<string> =>
  call(name, input).then(
    () => 'no error',
    (error: AwsError) => `${error.code}: ${error.message}`,
  );

describe('CloudFormation operations', () => {
  it('finds the stack of a physical resource id for DescribeStackResources', async () => {
    // Act
    const out = (await call('DescribeStackResources', { PhysicalResourceId: 'http://q' })) as {
      StackResources: { StackId: string; LogicalResourceId: string }[];
    };
    // Assess
    expect(out.StackResources).toMatchObject([{ StackId: STACK_ID, LogicalResourceId: 'RequestQueue' }]);
  });

  it.each([
    [
      'DescribeStackResources',
      {},
      'ValidationError: Either StackName or PhysicalResourceId must be specified.',
    ],
    [
      'DescribeStackResources',
      { PhysicalResourceId: 'nothing' },
      'ValidationError: Stack for nothing does not exist',
    ],
    ['DescribeStackEvents', { StackName: 'Gone' }, 'ValidationError: Stack with id Gone does not exist'],
    ['GetTemplate', { StackName: 'OldStack' }, 'ValidationError: Stack with id OldStack does not exist'],
    [
      'GetTemplate',
      { StackName: 'TapStack', TemplateStage: 'Final' },
      "ValidationError: 1 validation error detected: Value 'Final' at 'templateStage' failed to satisfy constraint: Member must satisfy enum value set: [Original, Processed]",
    ],
    [
      'ListStackResources',
      { StackName: '' },
      "ValidationError: 1 validation error detected: Value '' at 'stackName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ],
  ])('%s %j fails with %s', async (name, input, expected) => {
    expect(await failure(name, input)).toBe(expected);
  });

  it('lists every stack, deleted ones included, newest first', async () => {
    // Act
    const out = (await call('ListStacks', {})) as {
      StackSummaries: { StackName: string; DeletionTime?: Date }[];
    };
    // Assess
    expect(out.StackSummaries.map((s) => s.StackName)).toEqual(['TapStack', 'OldStack']);
    expect(out.StackSummaries[1]?.DeletionTime?.toISOString()).toBe('2026-11-24T00:00:00.000Z');
  });

  it('declares the stack ARN as the IAM resource', () => {
    // Act
    const arn = ops.DescribeStacks?.resource?.({ StackName: 'TapStack' }, ctx);
    const all = ops.DescribeStacks?.resource?.({}, ctx);
    // Assess
    expect(arn).toBe('arn:aws:cloudformation:us-east-1:000000000000:stack/TapStack/*');
    expect(all).toBe('*');
  });
});
