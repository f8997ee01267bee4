// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { describe, expect, it } from 'vitest';
import { writeApiFixture } from './write-api.fixture.ts';

/** A queue named by a parameter (a name change replaces it) with a size and an export. */
const queueTemplate = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    Parameters: {
      QueueName: { Type: 'String', Default: 'q-one', AllowedPattern: '^[a-z-]+$' },
      Size: { Type: 'Number', Default: '1', MinValue: 1, MaxValue: 10 },
    },
    Resources: {
      Queue: { Type: 'Test::Queue', Properties: { Name: { Ref: 'QueueName' }, Size: { Ref: 'Size' } } },
      Slow: { Type: 'Test::Slow', Properties: { Size: { Ref: 'Size' } } },
      ...extra,
    },
    Outputs: {
      Arn: {
        Value: { 'Fn::GetAtt': ['Queue', 'Arn'] },
        Export: { Name: { 'Fn::Sub': '${AWS::StackName}-arn' } },
      },
    },
  });

const YAML_TEMPLATE = `Parameters:
  Size:
    Type: Number
Resources:
  Queue:
    Type: Test::Queue
    Properties:
      Size: !Ref Size
      Target: !ImportValue app-arn
`;

type Stacks = {
  Stacks: { StackName: string; StackStatus: string; StackStatusReason?: string; Tags: unknown[] }[];
};

async function withApp() {
  const fx = writeApiFixture();
  await fx.call('CreateStack', { StackName: 'app', TemplateBody: queueTemplate() });
  return fx;
}

describe('CloudFormation write operations', () => {
  it('creates and describes a stack with its tags, then answers UpdateStack without changes with AWS text', async () => {
    // Prepare
    const fx = writeApiFixture();
    // Act
    const created = await fx.call<{ StackId: string }>('CreateStack', {
      StackName: 'app',
      TemplateBody: queueTemplate(),
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    const stacks = await fx.call<Stacks>('DescribeStacks', { StackName: 'app' });
    const same = await fx.failure('UpdateStack', { StackName: 'app', UsePreviousTemplate: true });
    // Assess
    expect(created.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/app\//);
    expect(stacks.Stacks[0]).toMatchObject({
      StackStatus: 'CREATE_COMPLETE',
      Tags: [{ Key: 'team', Value: 'core' }],
    });
    expect(same).toBe('ValidationError: No updates are to be performed.');
  });

  it('describes an UPDATE change set with the property forcing a replacement, and executes it once', async () => {
    // Prepare
    const fx = await withApp();
    // Act
    await fx.call('CreateChangeSet', {
      StackName: 'app',
      ChangeSetName: 'rename',
      UsePreviousTemplate: true,
      Parameters: [
        { ParameterKey: 'QueueName', ParameterValue: 'q-two' },
        { ParameterKey: 'Size', UsePreviousValue: true },
      ],
    });
    const described = await fx.call<Record<string, unknown>>('DescribeChangeSet', {
      StackName: 'app',
      ChangeSetName: 'rename',
    });
    await fx.call('CreateChangeSet', {
      StackName: 'app',
      ChangeSetName: 'other',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Size', ParameterValue: '2' }],
    });
    await fx.call('ExecuteChangeSet', { StackName: 'app', ChangeSetName: 'rename' });
    const listed = await fx.call<{ Summaries: { ChangeSetName: string; ExecutionStatus: string }[] }>(
      'ListChangeSets',
      { StackName: 'app' },
    );
    const twice = await fx.failure('ExecuteChangeSet', { StackName: 'app', ChangeSetName: 'rename' });
    // Assess
    expect(described).toMatchObject({
      Status: 'CREATE_COMPLETE',
      ExecutionStatus: 'AVAILABLE',
      Parameters: [
        { ParameterKey: 'QueueName', ParameterValue: 'q-two' },
        { ParameterKey: 'Size', ParameterValue: '1' },
      ],
      Changes: [
        {
          Type: 'Resource',
          ResourceChange: {
            Action: 'Modify',
            LogicalResourceId: 'Queue',
            PhysicalResourceId: 'q-one',
            Replacement: 'True',
            Scope: ['Properties'],
            Details: [
              {
                Target: { Attribute: 'Properties', Name: 'Name', RequiresRecreation: 'Always' },
                Evaluation: 'Static',
                ChangeSource: 'DirectModification',
              },
            ],
          },
        },
      ],
    });
    expect(listed.Summaries.map((c) => [c.ChangeSetName, c.ExecutionStatus])).toEqual([
      ['rename', 'EXECUTE_COMPLETE'],
    ]);
    expect(twice).toMatch(
      /^InvalidChangeSetStatus: ChangeSet \[arn:aws:cloudformation:.*:changeSet\/rename\/.*\] cannot be executed in its current execution status of \[EXECUTE_COMPLETE\]$/,
    );
    expect([...fx.cloud.live.keys()]).toContain('q-two');
    expect([...fx.cloud.live.keys()]).not.toContain('q-one');
  });

  it('fails a change set without changes with the reason the AWS CLI looks for', async () => {
    // Prepare
    const fx = await withApp();
    // Act
    await fx.call('CreateChangeSet', { StackName: 'app', ChangeSetName: 'same', UsePreviousTemplate: true });
    const described = await fx.call<Record<string, unknown>>('DescribeChangeSet', {
      StackName: 'app',
      ChangeSetName: 'same',
    });
    // Assess
    expect(described).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
      Changes: [],
    });
  });

  it('announces a CREATE change set as REVIEW_IN_PROGRESS and creates the stack on execution with the same id', async () => {
    // Prepare
    const fx = writeApiFixture();
    // Act
    const made = await fx.call<{ Id: string; StackId: string }>('CreateChangeSet', {
      StackName: 'fresh',
      ChangeSetName: 'first',
      ChangeSetType: 'CREATE',
      TemplateBody: queueTemplate(),
    });
    const reviewing = await fx.call<Stacks>('DescribeStacks', { StackName: 'fresh' });
    await fx.call('ExecuteChangeSet', { ChangeSetName: made.Id });
    const created = await fx.call<{ Stacks: { StackId: string; StackStatus: string }[] }>('DescribeStacks', {
      StackName: 'fresh',
    });
    // Assess
    expect(reviewing.Stacks[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');
    expect(created.Stacks[0]).toEqual(
      expect.objectContaining({ StackId: made.StackId, StackStatus: 'CREATE_COMPLETE' }),
    );
  });

  it('reads YAML from TemplateURL in the local S3 and imports another stack’s export, which then cannot be deleted', async () => {
    // Prepare
    const fx = writeApiFixture({ 'templates/importer.yaml': YAML_TEMPLATE });
    await fx.call('CreateStack', { StackName: 'app', TemplateBody: queueTemplate() });
    // Act
    await fx.call('CreateStack', {
      StackName: 'importer',
      TemplateURL: 'http://127.0.0.1:4566/templates/importer.yaml',
      Parameters: [{ ParameterKey: 'Size', ParameterValue: '3' }],
    });
    const refused = await fx.failure('DeleteStack', { StackName: 'app' });
    const template = await fx.call<{ TemplateBody: string }>('GetTemplate', { StackName: 'importer' });
    // Assess
    expect(refused).toBe('ValidationError: Export app-arn cannot be deleted as it is in use by importer');
    const stacks = await fx.call<Stacks>('DescribeStacks', {});
    expect(stacks.Stacks.map((s) => [s.StackName, s.StackStatus])).toEqual(
      expect.arrayContaining([
        ['app', 'CREATE_COMPLETE'],
        ['importer', 'CREATE_COMPLETE'],
      ]),
    );
    expect(template.TemplateBody).toBe(YAML_TEMPLATE);
    expect([...fx.cloud.live.values()].map((r) => r.props.Target)).toContain('arn:fake:q-one');
  });

  it('refuses IAM resources without the capability before anything is created', async () => {
    // Prepare
    const fx = writeApiFixture();
    const role = (props: Record<string, unknown>) =>
      JSON.stringify({ Resources: { Role: { Type: 'AWS::IAM::Role', Properties: props } } });
    // Act
    const unnamed = await fx.failure('CreateStack', { StackName: 'roles', TemplateBody: role({}) });
    const named = await fx.failure('CreateChangeSet', {
      StackName: 'roles',
      ChangeSetName: 'c',
      ChangeSetType: 'CREATE',
      TemplateBody: role({ RoleName: 'r' }),
      Capabilities: ['CAPABILITY_IAM'],
    });
    const summary = await fx.call<Record<string, unknown>>('GetTemplateSummary', { TemplateBody: role({}) });
    // Assess
    expect(unnamed).toBe('InsufficientCapabilitiesException: Requires capabilities : [CAPABILITY_IAM]');
    expect(named).toBe('InsufficientCapabilitiesException: Requires capabilities : [CAPABILITY_NAMED_IAM]');
    expect(summary).toMatchObject({
      Capabilities: ['CAPABILITY_IAM'],
      CapabilitiesReason: 'The following resource(s) require capabilities: [AWS::IAM::Role]',
      ResourceTypes: ['AWS::IAM::Role'],
    });
    expect(fx.cloud.calls).toEqual([]);
    expect(await fx.call('ListStacks', {})).toEqual({ StackSummaries: [] });
  });

  it('refuses a second update while one runs, and cancels the running one into a rollback', async () => {
    // Prepare
    const fx = await withApp();
    fx.gate.held = true;
    // Act
    const first = fx.call('UpdateStack', {
      StackName: 'app',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Size', ParameterValue: '2' }],
    });
    await fx.gate.entered;
    const second = await fx.failure('UpdateStack', {
      StackName: 'app',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Size', ParameterValue: '3' }],
    });
    const changeSet = await fx.failure('CreateChangeSet', {
      StackName: 'app',
      ChangeSetName: 'x',
      UsePreviousTemplate: true,
    });
    await fx.call('CancelUpdateStack', { StackName: 'app' });
    fx.gate.release();
    await first;
    const after = await fx.call<Stacks>('DescribeStacks', { StackName: 'app' });
    const notRunning = await fx.failure('CancelUpdateStack', { StackName: 'app' });
    // Assess
    const stackId = fx.deployer.describeStacks('app')[0]?.stackId;
    expect(second).toBe(
      `ValidationError: Stack:${stackId} is in UPDATE_IN_PROGRESS state and can not be updated.`,
    );
    expect(changeSet).toBe(second);
    expect(after.Stacks[0]).toMatchObject({ StackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    expect(fx.deployer.previousParameters('app')).toEqual({ QueueName: 'q-one', Size: '1' });
    expect(notRunning).toBe('ValidationError: CancelUpdateStack cannot be called from current stack status');
  });

  it('marks a change set made before the stack last changed as obsolete', async () => {
    // Prepare
    const fx = await withApp();
    await fx.call('CreateChangeSet', {
      StackName: 'app',
      ChangeSetName: 'late',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Size', ParameterValue: '4' }],
    });
    await fx.call('UpdateStack', {
      StackName: 'app',
      UsePreviousTemplate: true,
      Parameters: [{ ParameterKey: 'Size', ParameterValue: '5' }],
    });
    // Act
    const stale = await fx.failure('ExecuteChangeSet', { StackName: 'app', ChangeSetName: 'late' });
    // Assess
    expect(stale).toMatch(/cannot be executed in its current execution status of \[OBSOLETE\]$/);
    expect(fx.deployer.previousParameters('app').Size).toBe('5');
  });

  it('deletes a stack, keeps Retain resources (listed), and names the resource a failed delete left', async () => {
    // Prepare
    const fx = writeApiFixture();
    await fx.call('CreateStack', {
      StackName: 'app',
      TemplateBody: queueTemplate({
        Kept: { Type: 'Test::Queue', DeletionPolicy: 'Retain', Properties: { Name: 'kept' } },
      }),
    });
    await fx.call('CreateStack', {
      StackName: 'stuck',
      TemplateBody: JSON.stringify({
        Resources: { Stuck: { Type: 'Test::Queue', Properties: { Name: 'stuck' } } },
      }),
    });
    fx.cloud.failDelete.add('Stuck');
    // Act
    await fx.call('DeleteStack', { StackName: 'app' });
    await fx.call('DeleteStack', { StackName: 'stuck' });
    const missing = await fx.failure('DeleteStack', { StackName: 'never-was' });
    const events = await fx.call<{ StackEvents: { LogicalResourceId: string; ResourceStatus: string }[] }>(
      'DescribeStackEvents',
      { StackName: 'stuck' },
    );
    const stacks = await fx.call<{
      StackSummaries: { StackName: string; StackStatus: string; StackStatusReason?: string }[];
    }>('ListStacks', {});
    // Assess
    expect(missing).toBe('no error');
    expect([...fx.cloud.live.keys()].sort()).toEqual(['kept', 'stuck']);
    expect(stacks.StackSummaries.map((s) => [s.StackName, s.StackStatus, s.StackStatusReason])).toEqual(
      expect.arrayContaining([
        ['app', 'DELETE_COMPLETE', undefined],
        ['stuck', 'DELETE_FAILED', 'The following resource(s) failed to delete: [Stuck].'],
      ]),
    );
    expect(events.StackEvents).toContainEqual(
      expect.objectContaining({ LogicalResourceId: 'Stuck', ResourceStatus: 'DELETE_FAILED' }),
    );
  });

  it.each([
    [
      'a template neither JSON nor YAML',
      'CreateStack',
      { StackName: 'bad', TemplateBody: 'Resources: [' },
      /^ValidationError: template is not valid JSON or YAML/,
    ],
    [
      'no template',
      'CreateStack',
      { StackName: 'bad' },
      /^ValidationError: Specify exactly one of TemplateBody or TemplateURL\.$/,
    ],
    [
      'a missing TemplateURL object',
      'CreateStack',
      { StackName: 'bad', TemplateURL: 'http://127.0.0.1:4566/b/none.yaml' },
      /^ValidationError: TemplateURL .* could not be read \(NoSuchKey/,
    ],
    [
      'a TemplateURL without a key',
      'CreateStack',
      { StackName: 'bad', TemplateURL: 'http://127.0.0.1:4566/b' },
      /^ValidationError: TemplateURL must be a supported URL/,
    ],
    [
      'an invalid stack name',
      'CreateStack',
      { StackName: '1bad', TemplateBody: queueTemplate() },
      /at 'stackName' failed to satisfy constraint/,
    ],
    [
      'a parameter violating its pattern',
      'CreateStack',
      {
        StackName: 'bad',
        TemplateBody: queueTemplate(),
        Parameters: [{ ParameterKey: 'QueueName', ParameterValue: 'Q1' }],
      },
      /QueueName/,
    ],
    [
      'a parameter above its maximum',
      'CreateStack',
      {
        StackName: 'bad',
        TemplateBody: queueTemplate(),
        Parameters: [{ ParameterKey: 'Size', ParameterValue: '11' }],
      },
      /Size/,
    ],
    [
      'a missing parameter',
      'CreateStack',
      { StackName: 'bad', TemplateBody: YAML_TEMPLATE },
      /^ValidationError: Parameters: \[Size\] must have values$/,
    ],
    [
      'UsePreviousValue on a new stack',
      'CreateStack',
      {
        StackName: 'bad',
        TemplateBody: queueTemplate(),
        Parameters: [{ ParameterKey: 'Size', UsePreviousValue: true }],
      },
      /parameter key Size\. Cannot specify usePreviousValue as true for a new stack/,
    ],
    [
      'a change set name that is not valid',
      'CreateChangeSet',
      { StackName: 'bad', ChangeSetName: '9-lives', ChangeSetType: 'CREATE', TemplateBody: queueTemplate() },
      /^ValidationError: 1 validation error detected: Value '9-lives' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    ],
    [
      'an UPDATE change set for a missing stack',
      'CreateChangeSet',
      { StackName: 'bad', ChangeSetName: 'c', TemplateBody: queueTemplate() },
      /^ValidationError: Stack \[bad\] does not exist$/,
    ],
    [
      'an unknown change set',
      'DescribeChangeSet',
      { StackName: 'bad', ChangeSetName: 'none' },
      /^ChangeSetNotFound: ChangeSet \[none\] does not exist$/,
    ],
    [
      'a capability that does not exist',
      'CreateStack',
      { StackName: 'bad', TemplateBody: queueTemplate(), Capabilities: ['CAPABILITY_ALL'] },
      /at 'capabilities.1.member' failed to satisfy constraint: Member must satisfy enum value set/,
    ],
    [
      'an update of a missing stack',
      'UpdateStack',
      { StackName: 'bad', TemplateBody: queueTemplate() },
      /^ValidationError: Stack with id bad does not exist$/,
    ],
  ])(
    'refuses %s, naming it, and leaves the running stack untouched',
    async (_name, operation, input, expected) => {
      // Prepare
      const fx = await withApp();
      const callsBefore = [...fx.cloud.calls];
      // Act
      const error = await fx.failure(operation, input);
      // Assess
      expect(error).toMatch(expected);
      expect(fx.cloud.calls).toEqual(callsBefore);
      const stacks = await fx.call<Stacks>('DescribeStacks', {});
      expect(stacks.Stacks.map((s) => [s.StackName, s.StackStatus])).toEqual([['app', 'CREATE_COMPLETE']]);
    },
  );

  it('validates templates: parameters and capabilities, and a dangling reference named', async () => {
    // Prepare
    const fx = writeApiFixture();
    const dangling = JSON.stringify({
      Resources: { Q: { Type: 'Test::Queue', Properties: { Target: { Ref: 'Nope' } } } },
    });
    // Act
    const valid = await fx.call<Record<string, unknown>>('ValidateTemplate', { TemplateBody: YAML_TEMPLATE });
    const invalid = await fx.failure('ValidateTemplate', { TemplateBody: dangling });
    // Assess
    expect(valid).toMatchObject({ Parameters: [{ ParameterKey: 'Size', NoEcho: false }], Capabilities: [] });
    expect(invalid).toMatch(/^ValidationError: Resources\.Q\.Properties\.Target\.Ref: .*Nope/);
  });

  it('gets the template a change set would deploy', async () => {
    // Prepare
    const fx = await withApp();
    const next = queueTemplate({ Extra: { Type: 'Test::Queue' } });
    await fx.call('CreateChangeSet', { StackName: 'app', ChangeSetName: 'more', TemplateBody: next });
    // Act
    const out = await fx.call<{ TemplateBody: string }>('GetTemplate', {
      StackName: 'app',
      ChangeSetName: 'more',
    });
    const current = await fx.call<{ TemplateBody: string }>('GetTemplate', { StackName: 'app' });
    // Assess
    expect(out.TemplateBody).toBe(next);
    expect(current.TemplateBody).toBe(queueTemplate());
  });

  it('answers CreateStack and leaves a failed create in ROLLBACK_COMPLETE naming the resource, as AWS does', async () => {
    // Prepare
    const fx = writeApiFixture();
    fx.cloud.failCreate.add('Slow');
    // Act
    const created = await fx.call<{ StackId: string }>('CreateStack', {
      StackName: 'app',
      TemplateBody: queueTemplate(),
    });
    const stacks = await fx.call<Stacks>('DescribeStacks', { StackName: created.StackId });
    // Assess
    expect(stacks.Stacks[0]).toMatchObject({
      StackStatus: 'ROLLBACK_COMPLETE',
      StackStatusReason: 'Resources.Slow.Properties.Size: is too large',
    });
    expect(fx.cloud.live.size).toBe(0);
  });

  it('refuses creating a stack that exists', async () => {
    const fx = await withApp();
    expect(await fx.failure('CreateStack', { StackName: 'app', TemplateBody: queueTemplate() })).toBe(
      'AlreadyExistsException: Stack [app] already exists',
    );
  });
});
