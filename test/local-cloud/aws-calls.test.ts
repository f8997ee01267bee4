/**
 * The calls a developer reaches for after the stack is up, each through a real client against
 * the local cloud on the committed template: S3 CopyObject and the bucket getters, EventBridge
 * PutEvents routed by pattern and the rule/target API, SNS topic attributes, CloudWatch Logs
 * streams and tags (SDK v3), and the AWS CLI for `s3 cp/mv`, `apigatewayv2` and `iam`.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogStreamsCommand,
  ListTagsForResourceCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { GetFunctionCommand } from '@aws-sdk/client-lambda';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketTaggingCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import {
  GetTopicAttributesCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  committedTemplate,
  FUNCTION_NAME,
  type LocalCloud,
  startLocalCloud,
} from '../support/local-cloud.fixture.ts';
import { quietPeriod, scheduledItems, waitFor } from '../support/virtual-time.fixture.ts';

const run = promisify(execFile);
const awsCliPresent = await run('aws', ['--version']).then(
  () => true,
  () => false,
);
if (!awsCliPresent && process.env.CI !== 'true')
  console.warn('[aws-calls.test] the AWS CLI tests were NOT run: `aws` is not installed on this machine.');

/** The rule the tests create through PutRule; the template grants it the function's invoke permission. */
const PATTERN_RULE = 'tapstack-pattern-rule';
let cloud: LocalCloud;
let bucket: string;

beforeAll(async () => {
  const template = committedTemplate();
  template.Resources.PatternRulePermission = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: { Ref: 'RequestProcessorLambda' },
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::Sub': `arn:aws:events:\${AWS::Region}:\${AWS::AccountId}:rule/${PATTERN_RULE}` },
    },
  };
  cloud = await startLocalCloud({ template });
  bucket = cloud.output('S3BucketName');
});
afterAll(async () => cloud?.dispose());

describe('S3', () => {
  it('copies an object, keeping its metadata (COPY) or taking the request’s (REPLACE)', async () => {
    // Prepare
    const s3 = cloud.s3();
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'src.txt',
        Body: 'copy me',
        ContentType: 'text/plain',
        Metadata: { a: '1' },
      }),
    );
    // Act
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket: bucket, Key: 'dst.txt', CopySource: `${bucket}/src.txt` }),
    );
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'dst 2.txt',
        CopySource: encodeURIComponent(`${bucket}/src.txt`),
        MetadataDirective: 'REPLACE',
        ContentType: 'application/json',
        Metadata: { b: '2' },
      }),
    );
    // Assess
    expect(copied.CopyObjectResult?.ETag).toBe(`"${createHash('md5').update('copy me').digest('hex')}"`);
    const same = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'dst.txt' }));
    expect(await same.Body?.transformToString()).toBe('copy me');
    expect(same.ContentType).toBe('text/plain');
    expect(same.Metadata).toEqual({ a: '1' });
    expect(copied.CopyObjectResult?.ETag).toBe(same.ETag);
    expect(copied.VersionId).toBe(same.VersionId);
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'dst 2.txt' }));
    expect([replaced.ContentType, replaced.Metadata]).toEqual(['application/json', { b: '2' }]);
  });

  it('refuses a copy onto itself that changes nothing, and a missing source, with S3’s codes', async () => {
    const s3 = cloud.s3();
    await expect(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'src.txt', CopySource: `${bucket}/src.txt` })),
    ).rejects.toMatchObject({
      name: 'InvalidRequest',
      message: expect.stringContaining('copy an object to itself'),
    });
    await expect(
      s3.send(new CopyObjectCommand({ Bucket: bucket, Key: 'x', CopySource: `${bucket}/nope` })),
    ).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('reports the template’s encryption, public access block, ownership, tags and the owner-only ACL', async () => {
    const s3 = cloud.s3();
    const [encryption, block, ownership, tagging, acl] = await Promise.all([
      s3.send(new GetBucketEncryptionCommand({ Bucket: bucket })),
      s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket })),
      s3.send(new GetBucketOwnershipControlsCommand({ Bucket: bucket })),
      s3.send(new GetBucketTaggingCommand({ Bucket: bucket })),
      s3.send(new GetBucketAclCommand({ Bucket: bucket })),
    ]);
    expect(encryption.ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false },
    ]);
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect(ownership.OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(tagging.TagSet).toEqual([{ Key: 'Environment', Value: 'dev' }]);
    expect(acl.Grants).toEqual([
      { Grantee: { ID: acl.Owner?.ID, Type: 'CanonicalUser' }, Permission: 'FULL_CONTROL' },
    ]);
    expect(acl.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a bucket created without settings S3’s defaults, and NoSuchTagSet for its tags', async () => {
    const s3 = cloud.s3();
    await s3.send(new CreateBucketCommand({ Bucket: 'plain-bucket-i12b' }));
    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: 'plain-bucket-i12b' }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: 'plain-bucket-i12b' }))).rejects.toMatchObject(
      {
        name: 'NoSuchTagSet',
        $metadata: { httpStatusCode: 404 },
      },
    );
    await expect(s3.send(new GetBucketAclCommand({ Bucket: 'no-such-bucket-i12b' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
  });

  it('answers an unsigned request in S3’s XML error shape', async () => {
    const response = await fetch(`${cloud.endpointUrl}/${bucket}/src.txt`);
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    expect(text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code><Message>/,
    );
  });
});

describe('EventBridge', () => {
  const pattern = {
    source: ['aws.events'],
    'detail-type': ['Scheduled Event'],
    detail: {
      priority: [{ numeric: ['>=', 5] }],
      team: [{ prefix: 'pay' }],
      region: [{ 'anything-but': 'eu-west-1' }],
      ticket: [{ exists: true }],
    },
  };

  it('routes PutEvents to the rule whose pattern matches, and reports bad entries per entry', async () => {
    // Prepare
    const events = new EventBridgeClient(cloud.clientConfig);
    const functionArn = cloud.output('LambdaFunctionArn');
    const rule = await events.send(
      new PutRuleCommand({ Name: PATTERN_RULE, EventPattern: JSON.stringify(pattern) }),
    );
    await events.send(
      new PutTargetsCommand({ Rule: PATTERN_RULE, Targets: [{ Id: 'fn', Arn: functionArn }] }),
    );
    const entry = (detail: Record<string, unknown>) => ({
      Source: 'aws.events',
      DetailType: 'Scheduled Event',
      Detail: JSON.stringify(detail),
    });
    // Act
    const put = await events.send(
      new PutEventsCommand({
        Entries: [
          entry({ priority: 7, team: 'payments', region: 'us-east-1', ticket: 'T-1' }),
          entry({ priority: 2, team: 'payments', region: 'us-east-1', ticket: 'T-2' }),
          entry({ priority: 9, team: 'payments', region: 'eu-west-1', ticket: 'T-3' }),
          { Source: 'aws.events', DetailType: 'Scheduled Event', Detail: 'not json' },
        ],
      }),
    );
    // Assess
    expect(rule.RuleArn).toBe(`arn:aws:events:us-east-1:000000000000:rule/${PATTERN_RULE}`);
    expect(put.FailedEntryCount).toBe(1);
    expect(put.Entries?.[3]).toEqual({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    const [matched, low, excluded] = (put.Entries ?? []).map((e) => e.EventId);
    const stored = await waitFor('the matched event stored by the function', async () => {
      const ids = (await scheduledItems(cloud)).map((item) => item.RequestId);
      return ids.includes(matched) ? ids : undefined;
    });
    await quietPeriod();
    const after = (await scheduledItems(cloud)).map((item) => item.RequestId);
    expect(stored).toContain(matched);
    expect(after).not.toContain(low);
    expect(after).not.toContain(excluded);
  });

  it('refuses an invalid pattern naming the field, and a rule with targets cannot be deleted', async () => {
    const events = new EventBridgeClient(cloud.clientConfig);
    await expect(
      events.send(
        new PutRuleCommand({ Name: 'bad-pattern', EventPattern: '{"detail":{"n":[{"numeric":[">"]}]}}' }),
      ),
    ).rejects.toMatchObject({
      name: 'InvalidEventPatternException',
      message: expect.stringContaining('detail.n'),
    });
    await expect(events.send(new DeleteRuleCommand({ Name: PATTERN_RULE }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
    await events.send(new RemoveTargetsCommand({ Rule: PATTERN_RULE, Ids: ['fn'] }));
    await events.send(new DeleteRuleCommand({ Name: PATTERN_RULE }));
    await expect(events.send(new ListTargetsByRuleCommand({ Rule: PATTERN_RULE }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('lists the stack rule’s target with its RetryPolicy and DeadLetterConfig', async () => {
    const events = new EventBridgeClient(cloud.clientConfig);
    const out = await events.send(
      new ListTargetsByRuleCommand({ Rule: 'serverless-infrastructure-daily-schedule' }),
    );
    expect(out.Targets).toEqual([
      {
        Id: '1',
        Arn: cloud.output('LambdaFunctionArn'),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:us-east-1:000000000000:serverless-infrastructure-dlq' },
      },
    ]);
  });
});

describe('SNS and CloudWatch Logs', () => {
  it('gets a topic’s attributes and lists subscriptions; an unknown topic is NotFound', async () => {
    const sns = new SNSClient(cloud.clientConfig);
    const topicArn = (await sns.send(new ListTopicsCommand({}))).Topics?.[0]?.TopicArn ?? '';
    const { Attributes } = await sns.send(new GetTopicAttributesCommand({ TopicArn: topicArn }));
    const subscriptions = await sns.send(new ListSubscriptionsCommand({}));
    expect(Attributes).toMatchObject({
      TopicArn: topicArn,
      Owner: '000000000000',
      DisplayName: 'serverless-infrastructure alarms',
      SubscriptionsPending: '0',
    });
    expect(JSON.parse(Attributes?.Policy ?? '{}').Statement).toHaveLength(2);
    expect(subscriptions.Subscriptions).toEqual([]);
    await expect(
      sns.send(new GetTopicAttributesCommand({ TopicArn: `${topicArn}-gone` })),
    ).rejects.toMatchObject({
      name: 'NotFoundException',
    });
  });

  it('creates a stream, puts events into it, describes it and lists the group’s tags', async () => {
    // Prepare
    const logs = new CloudWatchLogsClient(cloud.clientConfig);
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/app/i12b', tags: { team: 'payments' } }));
    const put = (stream: string) =>
      logs.send(
        new PutLogEventsCommand({
          logGroupName: '/app/i12b',
          logStreamName: stream,
          logEvents: [{ timestamp: Date.now(), message: 'hello' }],
        }),
      );
    // Act
    const beforeCreate = await put('s1').catch((error: unknown) => error);
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/app/i12b', logStreamName: 's1' }));
    await put('s1');
    const again = await logs
      .send(new CreateLogStreamCommand({ logGroupName: '/app/i12b', logStreamName: 's1' }))
      .catch((error: unknown) => error);
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName: '/app/i12b' }));
    const tags = await logs.send(
      new ListTagsForResourceCommand({
        resourceArn: 'arn:aws:logs:us-east-1:000000000000:log-group:/app/i12b',
      }),
    );
    // Assess
    expect(beforeCreate).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    expect(again).toMatchObject({ name: 'ResourceAlreadyExistsException' });
    expect(streams.logStreams?.map((s) => [s.logStreamName, s.storedBytes])).toEqual([['s1', 31]]);
    expect(tags.tags).toEqual({ team: 'payments' });
  });
});

/** `aws <args> --output json` with test credentials, parsed; the CLI costs ~1 s of CPU per call. */
async function aws(...args: string[]): Promise<unknown> {
  const stdout = await awsText(...args);
  return stdout.trim() === '' ? undefined : JSON.parse(stdout);
}

/** The CLI's output as text (`aws s3 cp` prints progress lines, not JSON). */
async function awsText(...args: string[]): Promise<string> {
  const { stdout } = await run('aws', ['--endpoint-url', cloud.endpointUrl, '--output', 'json', ...args], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    },
    timeout: 60_000,
  });
  return stdout;
}

describe('the AWS CLI', () => {
  it.runIf(process.env.CI === 'true')('is installed when CI runs', () => {
    expect(awsCliPresent).toBe(true);
  });

  it.skipIf(!awsCliPresent)(
    'copies and moves between keys, finds the API id and reads the stack’s roles',
    async () => {
      // Prepare: the role's name from Lambda, the upload through the SDK (fewer CLI starts).
      await cloud.s3().send(new PutObjectCommand({ Bucket: bucket, Key: 'cli/a.txt', Body: 'via the cli' }));
      const roleArn =
        (await cloud.lambda().send(new GetFunctionCommand({ FunctionName: FUNCTION_NAME }))).Configuration
          ?.Role ?? '';
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      // Act: the S3 chain runs in order, the read calls beside it.
      const s3Chain = (async () => [
        await awsText('s3', 'cp', `s3://${bucket}/cli/a.txt`, `s3://${bucket}/cli/b.txt`),
        await awsText('s3', 'mv', `s3://${bucket}/cli/b.txt`, `s3://${bucket}/cli/c.txt`),
      ])();
      const apiRoutes = (async () => {
        const apis = (await aws('apigatewayv2', 'get-apis')) as {
          Items: { ApiId: string; Name: string; ApiEndpoint: string; ProtocolType: string }[];
        };
        const routes = (await aws('apigatewayv2', 'get-routes', '--api-id', apis.Items[0]?.ApiId ?? '')) as {
          Items: { RouteKey: string; Target: string }[];
        };
        return { apis, routes };
      })();
      const [copyOutput, { apis, routes }, roles, role, policies, policy] = (await Promise.all([
        s3Chain,
        apiRoutes,
        aws('iam', 'list-roles'),
        aws('iam', 'get-role', '--role-name', roleName),
        aws('iam', 'list-role-policies', '--role-name', roleName),
        aws('iam', 'get-role-policy', '--role-name', roleName, '--policy-name', 'RequestProcessor'),
      ])) as [
        string[],
        Awaited<typeof apiRoutes>,
        { Roles: { RoleName: string }[] },
        { Role: { RoleName: string; AssumeRolePolicyDocument: { Statement: { Principal: unknown }[] } } },
        { PolicyNames: string[] },
        { RoleName: string; PolicyName: string; PolicyDocument: { Statement: { Action: unknown }[] } },
      ];
      const listing = await cloud.s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'cli/' }));
      // Assess
      expect(listing.Contents?.map((o) => o.Key)).toEqual(['cli/a.txt', 'cli/c.txt']);
      expect(copyOutput[0]).toContain(`copy: s3://${bucket}/cli/a.txt to s3://${bucket}/cli/b.txt`);
      expect(copyOutput[1]).toContain(`move: s3://${bucket}/cli/b.txt to s3://${bucket}/cli/c.txt`);
      expect(apis.Items).toHaveLength(1);
      expect(apis.Items[0]).toMatchObject({
        Name: 'serverless-infrastructure-http-api',
        ProtocolType: 'HTTP',
      });
      expect(`${apis.Items[0]?.ApiEndpoint}/`).toBe(cloud.apiUrl.replace(/\/?$/, '/'));
      expect(routes.Items).toEqual([
        expect.objectContaining({ RouteKey: '$default', Target: expect.stringMatching(/^integrations\//) }),
      ]);
      expect(roles.Roles.map((r) => r.RoleName)).toContain(roleName);
      expect(role.Role.AssumeRolePolicyDocument.Statement[0]?.Principal).toEqual({
        Service: 'lambda.amazonaws.com',
      });
      expect(policies.PolicyNames).toEqual(['RequestProcessor']);
      expect(policy).toMatchObject({ RoleName: roleName, PolicyName: 'RequestProcessor' });
      expect(policy.PolicyDocument.Statement.length).toBeGreaterThan(0);
    },
    120_000,
  );
});
