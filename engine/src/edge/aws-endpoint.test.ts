import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListExportsCommand,
  ListStackResourcesCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EndpointFixture,
  KNOWN_KEY,
  KNOWN_SECRET,
  ROLE_KEY,
  startEndpoint,
} from './endpoint.fixture.ts';
import { STACK_ID } from './fakes.fixture.ts';

let fx: EndpointFixture;

beforeAll(async () => {
  fx = await startEndpoint(
    new Set(['dynamodb:Scan', 'lambda:InvokeFunction', 'cloudformation:ListStackResources']),
  );
});
afterAll(async () => fx.close());

const config = (accessKeyId = 'test', secretAccessKey = 'test') => ({
  endpoint: fx.url,
  region: 'us-east-1',
  credentials: { accessKeyId, secretAccessKey },
  maxAttempts: 1,
});

const failureOf = async (
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> => {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
};

describe('CloudFormation API through the AWS SDK', () => {
  it('describes live stacks with outputs, parameters, tags and times', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config());
    // Act
    const { Stacks } = await cfn.send(new DescribeStacksCommand({}));
    // Assess
    expect(Stacks?.map((s) => s.StackName)).toEqual(['TapStack']);
    const stack = Stacks?.[0];
    expect(stack?.StackId).toBe(STACK_ID);
    expect(stack?.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack?.Description).toBe('request capture <&> "service"');
    expect(stack?.CreationTime?.toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(stack?.LastUpdatedTime?.toISOString()).toBe('2026-11-25T11:00:00.000Z');
    expect(stack?.Parameters).toEqual([{ ParameterKey: 'EnvironmentSuffix', ParameterValue: 'dev' }]);
    expect(stack?.Tags).toEqual([{ Key: 'project', Value: 'tapstack' }]);
    expect(stack?.Outputs).toEqual([
      {
        OutputKey: 'ApiUrl',
        OutputValue: 'http://127.0.0.1:4000/',
        Description: 'The API',
        ExportName: 'TapStack-ApiUrl',
      },
      { OutputKey: 'TableName', OutputValue: 'requests-dev' },
    ]);
  });

  it('answers an unknown stack with AWS ValidationError text, and a deleted one only by id', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config());
    // Act
    const unknown = await failureOf(cfn.send(new DescribeStacksCommand({ StackName: 'Nope' })));
    const deletedByName = await failureOf(cfn.send(new DescribeStacksCommand({ StackName: 'OldStack' })));
    const deletedById = await cfn.send(
      new DescribeStacksCommand({
        StackName:
          'arn:aws:cloudformation:us-east-1:000000000000:stack/OldStack/99999999-0000-0000-0000-000000000000',
      }),
    );
    // Assess
    expect(unknown).toEqual({
      name: 'ValidationError',
      message: 'Stack with id Nope does not exist',
      status: 400,
    });
    expect(deletedByName.message).toBe('Stack with id OldStack does not exist');
    expect(deletedById.Stacks?.[0]?.StackStatus).toBe('DELETE_COMPLETE');
  });

  it('lists resources, events newest first, stacks, exports and the template', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config());
    // Act
    const resources = await cfn.send(new ListStackResourcesCommand({ StackName: 'TapStack' }));
    const described = await cfn.send(
      new DescribeStackResourcesCommand({ StackName: 'TapStack', LogicalResourceId: 'RequestTable' }),
    );
    const events = await cfn.send(new DescribeStackEventsCommand({ StackName: 'TapStack' }));
    const deleted = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['DELETE_COMPLETE'] }));
    const exports = await cfn.send(new ListExportsCommand({}));
    const template = await cfn.send(new GetTemplateCommand({ StackName: 'TapStack' }));
    // Assess
    expect(
      resources.StackResourceSummaries?.map((r) => [
        r.LogicalResourceId,
        r.PhysicalResourceId,
        r.ResourceType,
      ]),
    ).toEqual([
      ['RequestTable', 'requests-dev', 'AWS::DynamoDB::Table'],
      ['RequestQueue', 'http://q', 'AWS::SQS::Queue'],
    ]);
    expect(resources.StackResourceSummaries?.[0]?.LastUpdatedTimestamp?.toISOString()).toBe(
      '2026-11-25T10:01:00.000Z',
    );
    expect(described.StackResources?.map((r) => [r.StackName, r.LogicalResourceId])).toEqual([
      ['TapStack', 'RequestTable'],
    ]);
    expect(events.StackEvents?.map((e) => e.EventId)).toEqual(['e3', 'e2', 'e1']);
    expect(events.StackEvents?.[0]?.StackName).toBe('TapStack');
    expect(deleted.StackSummaries?.map((s) => s.StackName)).toEqual(['OldStack']);
    expect(exports.Exports).toEqual([
      { ExportingStackId: STACK_ID, Name: 'TapStack-ApiUrl', Value: 'http://127.0.0.1:4000/' },
    ]);
    expect(template.TemplateBody).toBe('{"Resources":{}}');
  });

  it('answers a missing required parameter with ValidationError naming it', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config());
    // Act
    const failure = await failureOf(
      cfn.send(new ListStackResourcesCommand({ StackName: undefined as unknown as string })),
    );
    // Assess
    expect(failure.name).toBe('ValidationError');
    expect(failure.message).toContain(
      "Value null at 'stackName' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('Lambda API through the AWS SDK', () => {
  it('invokes synchronously and returns the payload', async () => {
    // Prepare
    const lambda = new LambdaClient(config());
    // Act
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'request-processor', Payload: Buffer.from('{"n":1}') }),
    );
    // Assess
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(JSON.parse(Buffer.from(result.Payload ?? []).toString())).toEqual({ echo: { n: 1 } });
  });

  it('returns the last 4 KB of the log, base64, when LogType is Tail', async () => {
    // Prepare
    const lambda = new LambdaClient(config());
    // Act
    const tailed = await lambda.send(
      new InvokeCommand({ FunctionName: 'request-processor', LogType: 'Tail' }),
    );
    const plain = await lambda.send(new InvokeCommand({ FunctionName: 'request-processor' }));
    // Assess
    const log = Buffer.from(tailed.LogResult ?? '', 'base64').toString('utf8');
    expect(log.length).toBe(4096);
    expect(log.endsWith('END\n')).toBe(true);
    expect(log).toContain('START RequestId: req-1');
    expect(plain.LogResult).toBeUndefined();
  });

  it('reports an unhandled function error in FunctionError with the error payload', async () => {
    // Prepare
    const lambda = new LambdaClient(config());
    // Act
    const result = await lambda.send(
      new InvokeCommand({ FunctionName: 'request-processor', Payload: Buffer.from('{"fail":true}') }),
    );
    // Assess
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(result.Payload ?? []).toString())).toEqual({
      errorType: 'Error',
      errorMessage: 'boom',
    });
  });

  it('queues an Event invocation with 202 and passes the invocation type on', async () => {
    // Prepare
    const lambda = new LambdaClient(config());
    const before = fx.lambda.invocations.length;
    // Act
    const result = await lambda.send(
      new InvokeCommand({
        FunctionName: 'request-processor',
        InvocationType: 'Event',
        Payload: Buffer.from('{}'),
      }),
    );
    // Assess
    expect(result.StatusCode).toBe(202);
    expect(fx.lambda.invocations[before]?.invocationType).toBe('Event');
  });

  it('gets and lists functions, and answers an unknown one with ResourceNotFoundException', async () => {
    // Prepare
    const lambda = new LambdaClient(config());
    // Act
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'request-processor' }));
    const listed = await lambda.send(new ListFunctionsCommand({}));
    const missing = await failureOf(lambda.send(new GetFunctionCommand({ FunctionName: 'nope' })));
    // Assess
    expect(got.Configuration?.FunctionArn).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:request-processor',
    );
    expect(got.Configuration?.Environment?.Variables).toEqual({ TABLE_NAME: 'requests-dev' });
    expect(got.Configuration?.LoggingConfig?.LogFormat).toBe('JSON');
    expect(listed.Functions?.map((f) => f.FunctionName)).toEqual(['request-processor']);
    expect(missing).toEqual({
      name: 'ResourceNotFoundException',
      message: 'Function not found: nope',
      status: 404,
    });
  });

  it('rejects a payload that is not JSON with InvalidRequestContentException', async () => {
    // Prepare
    const lambda = new LambdaClient(config());
    // Act
    const failure = await failureOf(
      lambda.send(new InvokeCommand({ FunctionName: 'request-processor', Payload: Buffer.from('{nope') })),
    );
    // Assess
    expect(failure.name).toBe('InvalidRequestContentException');
    expect(failure.status).toBe(400);
  });
});

describe('DynamoDB (the json-handler entry) through the AWS SDK', () => {
  it('creates a table, puts and gets an item', async () => {
    // Prepare
    const ddb = new DynamoDBClient(config());
    await ddb.send(
      new CreateTableCommand({
        TableName: 'requests',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    // As on AWS, a table takes item writes once ACTIVE (here: once its CREATING -> ACTIVE write landed).
    while (
      (await ddb.send(new DescribeTableCommand({ TableName: 'requests' }))).Table?.TableStatus !== 'ACTIVE'
    )
      await new Promise((resolve) => setTimeout(resolve, 5));
    // Act
    await ddb.send(
      new PutItemCommand({ TableName: 'requests', Item: { id: { S: 'a' }, body: { S: 'hello' } } }),
    );
    const got = await ddb.send(new GetItemCommand({ TableName: 'requests', Key: { id: { S: 'a' } } }));
    // Assess
    expect(got.Item).toEqual({ id: { S: 'a' }, body: { S: 'hello' } });
  });

  it('lets a role caller through when allowed, after checking the action on the table ARN', async () => {
    // Prepare
    const ddb = new DynamoDBClient(config(ROLE_KEY, 'whatever'));
    // Act
    await ddb.send(new PutItemCommand({ TableName: 'requests', Item: { id: { S: 'b' } } }));
    // Assess
    expect(fx.checks).toContainEqual({
      action: 'dynamodb:PutItem',
      resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/requests',
    });
  });
});

describe('IAM denials for role callers', () => {
  it('arrives in the DynamoDB SDK as AccessDeniedException naming action, resource and role', async () => {
    // Prepare
    const ddb = new DynamoDBClient(config(ROLE_KEY, 'whatever'));
    // Act
    const failure = await failureOf(ddb.send(new ScanCommand({ TableName: 'requests' })));
    // Assess
    expect(failure).toEqual({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::000000000000:assumed-role/processor-role/request-processor is not authorized to perform: dynamodb:Scan on resource: arn:aws:dynamodb:us-east-1:000000000000:table/requests because no identity-based policy allows the dynamodb:Scan action',
      status: 400,
    });
  });

  it('denies Lambda Invoke with 403 AccessDeniedException and never reaches the function', async () => {
    // Prepare
    const lambda = new LambdaClient(config(ROLE_KEY, 'whatever'));
    const before = fx.lambda.invocations.length;
    // Act
    const failure = await failureOf(lambda.send(new InvokeCommand({ FunctionName: 'request-processor' })));
    // Assess
    expect(failure.name).toBe('AccessDeniedException');
    expect(failure.status).toBe(403);
    expect(failure.message).toContain(
      'lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:request-processor',
    );
    expect(fx.lambda.invocations.length).toBe(before);
  });

  it('denies a CloudFormation call with the query protocol AccessDenied code', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config(ROLE_KEY, 'whatever'));
    // Act
    const failure = await failureOf(cfn.send(new ListStackResourcesCommand({ StackName: 'TapStack' })));
    // Assess
    expect(failure.name).toBe('AccessDenied');
    expect(failure.status).toBe(403);
    expect(failure.message).toContain(
      'cloudformation:ListStackResources on resource: arn:aws:cloudformation:us-east-1:000000000000:stack/TapStack/*',
    );
  });

  it('never checks root callers', async () => {
    // Prepare
    const ddb = new DynamoDBClient(config());
    const before = fx.checks.length;
    // Act
    const scanned = await ddb.send(new ScanCommand({ TableName: 'requests' }));
    // Assess
    expect(scanned.Count).toBeGreaterThan(0);
    expect(fx.checks.length).toBe(before);
  });
});

describe('signature verification for keys with a known secret', () => {
  it('accepts SDK requests signed with the right secret, for every protocol', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config(KNOWN_KEY, KNOWN_SECRET));
    const lambda = new LambdaClient(config(KNOWN_KEY, KNOWN_SECRET));
    const ddb = new DynamoDBClient(config(KNOWN_KEY, KNOWN_SECRET));
    // Act
    const stacks = await cfn.send(new ListStacksCommand({ StackStatusFilter: ['CREATE_COMPLETE'] }));
    const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'request-processor' }));
    const invoked = await lambda.send(
      new InvokeCommand({
        FunctionName: 'request-processor',
        Qualifier: '$LATEST',
        Payload: Buffer.from('{"a b":"c/d"}'),
      }),
    );
    const item = await ddb.send(new GetItemCommand({ TableName: 'requests', Key: { id: { S: 'a' } } }));
    // Assess
    expect(stacks.StackSummaries?.length).toBe(1);
    expect(fn.Configuration?.FunctionName).toBe('request-processor');
    expect(invoked.StatusCode).toBe(200);
    expect(item.Item?.id?.S).toBe('a');
  });

  it('rejects a wrong secret with each protocol’s signature error', async () => {
    // Prepare
    const cfn = new CloudFormationClient(config(KNOWN_KEY, 'wrong'));
    const lambda = new LambdaClient(config(KNOWN_KEY, 'wrong'));
    const ddb = new DynamoDBClient(config(KNOWN_KEY, 'wrong'));
    // Act
    const query = await failureOf(cfn.send(new DescribeStacksCommand({})));
    const rest = await failureOf(lambda.send(new ListFunctionsCommand({})));
    const json = await failureOf(
      ddb.send(new GetItemCommand({ TableName: 'requests', Key: { id: { S: 'a' } } })),
    );
    // Assess
    expect(query).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
    expect(rest).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
    expect(json).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(query.message).toContain(
      'The request signature we calculated does not match the signature you provided',
    );
  });
});
