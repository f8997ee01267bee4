/**
 * One local cloud: every service, the AWS endpoint and the stack deployer, built per instance
 * (no process-global state), so tests can run two engines in one process.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PREFIX, type ConsoleServer, createConsole } from './console/index.ts';
import { StackDeployer } from './deploy/stack-deployer.ts';
import type { DeployResult, StackEvent } from './deploy/types.ts';
import { HostPolicy } from './edge/host-allowlist.ts';
import { AwsEndpoint, type ServiceEntry, type SigningName } from './edge/index.ts';
import type { ListenerLimits } from './edge/listener-guard.ts';
import type { CallerIdentity } from './protocol/operation.ts';
import { allProviders } from './providers/all-providers.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from './runtime/account.ts';
import { type Clock, RealClock } from './runtime/clock.ts';
import { UsageSampler } from './runtime/data-usage.ts';
import { DiskGuard, type DiskGuardOptions } from './runtime/disk-space.ts';
import { CloudFormationApi } from './services/cloudformation/index.ts';
import { CloudWatchService } from './services/cloudwatch/index.ts';
import { DynamoDbService } from './services/dynamodb/dynamodb-service.ts';
import { EventsService } from './services/events/index.ts';
import { FirehoseService } from './services/firehose/service.ts';
import { HttpApiService } from './services/http-api/index.ts';
import { IamService } from './services/iam/index.ts';
import { LambdaService } from './services/lambda/index.ts';
import { type LogSink, LogsService } from './services/logs/index.ts';
import { S3Service } from './services/s3/index.ts';
import { SnsService } from './services/sns/index.ts';
import { SqsService } from './services/sqs/index.ts';
import { bucketPolicyEvaluator } from './wiring/bucket-policy.ts';
import { withDiskFloor } from './wiring/disk-floor-hooks.ts';
import type { EngineServices } from './wiring/engine-services.ts';
import { executeApiRewriter } from './wiring/execute-api-output.ts';
import { deployThroughApi } from './wiring/local-deploy.ts';
import { composeRewriters, localUrlRewriter } from './wiring/local-url-output.ts';
import { resumeDeploys } from './wiring/resume-deploys.ts';
import { buildServiceMap } from './wiring/service-map.ts';
import { stackControlOf } from './wiring/stack-control.ts';
import { stackReaderOf } from './wiring/stack-reader.ts';
import { checkStackState, explainStartFailure, type StateCheck } from './wiring/state-check/index.ts';

/**
 * Function output never fails an invocation: Lambda creates a function's missing log group (with
 * the usual basic-execution permissions), so the engine does the same instead of refusing the write.
 */
function functionLogSink(logs: LogsService): LogSink {
  return {
    putLogEvents(group, stream, events) {
      if (!logs.hasLogGroup(group)) logs.createLogGroup({ logGroupName: group });
      logs.putLogEvents(group, stream, events);
    },
  };
}

export interface EngineOptions {
  /** Where every service keeps its state and data (created private to the user). */
  readonly dataDir: string;
  /** Interface for the AWS endpoint and the API listeners; default 127.0.0.1 (never all interfaces by default). */
  readonly host?: string;
  /** The AWS endpoint's port; default 4566, 0 for any free port. */
  readonly port?: number;
  /** First port for HTTP APIs (then +1...); default 4567, 0 for any free port. */
  readonly apiBasePort?: number;
  /** Default: real time. Tests pass a VirtualClock; `--time-scale` passes a faster RealClock. */
  readonly clock?: Clock;
  readonly account?: AccountContext;
  /** Worker threads hosting Lambda execution environments; default the service's own choice. */
  readonly lambdaHosts?: number;
  /**
   * Start even when a store lacks resources its stacks record (`tapstack repair` then rebuilds
   * them); otherwise such a start is refused naming the file, the resource and the way out.
   */
  readonly repair?: boolean;
  /**
   * Refuse to start when `cloudformation/stacks.json` is missing while the stores hold what a stack
   * made (`up`, which deploys next, would collide with it without naming the missing file).
   */
  readonly requireStackRecord?: boolean;
  /**
   * Local deviation for load tests: log retention and S3 lifecycle periods last 1/N of what the
   * template declares (the template and what DescribeLogGroups shows are unchanged). Default 1.
   */
  readonly retentionScale?: number;
  /** Free space on the data directory's disk: warning threshold, hard floor, source (tests fake it). */
  readonly disk?: Omit<DiskGuardOptions, 'path'>;
  /** Background problems (failed deliveries, bugs behind a 500) are reported here; default stderr. */
  readonly onWarning?: (message: string) => void;
  /** Events of stack operations resumed from the deploy journal at start (the CLI prints them). */
  readonly onStackEvent?: (event: StackEvent) => void;
  /** Extra Host names (`--allow-host`) and origins (`--allow-origin`) every listener accepts. */
  readonly allowHosts?: readonly string[];
  readonly allowOrigins?: readonly string[];
  /** Timeouts and connection cap of every listener; default from listener-guard.ts. */
  readonly listenerLimits?: ListenerLimits;
}

export interface DeployRequest {
  readonly stackName: string;
  readonly templateBody: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly onEvent?: (event: StackEvent) => void;
  /** Replace a stack left failed (UPDATE_ROLLBACK_FAILED included), see DeployInput.replaceFailed. */
  readonly replaceFailed?: boolean;
}

export class Engine {
  private console: ConsoleServer | undefined;

  private constructor(
    readonly services: EngineServices,
    readonly deployer: StackDeployer,
    private readonly endpoint: AwsEndpoint,
    /** The AWS endpoint for SDK clients and the AWS CLI (`--endpoint-url`). */
    readonly endpointUrl: string,
    readonly clock: Clock,
    /** The CloudFormation API's write side; `deploy` goes through it as CreateStack/UpdateStack do. */
    readonly cloudFormation: CloudFormationApi,
    /** What the start-up check found: drift (deleted through the endpoint) and, in repair mode, damage. */
    readonly stateCheck: StateCheck,
    /** Free space on the data directory's disk (`up` warns from it; writes stop under its floor). */
    readonly disk: DiskGuard,
  ) {}

  static async start(options: EngineOptions): Promise<Engine> {
    // A failure part-way (a corrupt state file is read by a constructor) must not leave the
    // endpoint listening or the store open: the caller gets the error and a process that can exit.
    const undo: Array<() => unknown> = [];
    try {
      return await Engine.open(options, undo);
    } catch (error) {
      for (const step of undo.reverse()) {
        try {
          await step();
        } catch {
          // Keep undoing; the original error is the one to report.
        }
      }
      throw explainStartFailure(error, options.dataDir);
    }
  }

  private static async open(options: EngineOptions, undo: Array<() => unknown>): Promise<Engine> {
    const account = options.account ?? DEFAULT_ACCOUNT;
    const clock = options.clock ?? new RealClock();
    const host = options.host ?? '127.0.0.1';
    const warn = options.onWarning ?? ((message: string) => console.error(`[tapstack] ${message}`));
    const hostPolicy = new HostPolicy({
      listenHost: host,
      allowHosts: options.allowHosts ?? [],
      allowOrigins: options.allowOrigins ?? [],
    });
    const guard = {
      hostPolicy,
      onWarning: warn,
      ...(options.listenerLimits ? { limits: options.listenerLimits } : {}),
    };
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const dir = (name: string): string => {
      const path = join(options.dataDir, name);
      mkdirSync(path, { recursive: true, mode: 0o700 });
      return path;
    };

    // The endpoint's URL is needed by SQS queue URLs and the functions' AWS_ENDPOINT_URL, and the
    // endpoint needs the services: the map is filled after the services exist, before any request.
    const serviceMap: { -readonly [name in SigningName]?: ServiceEntry } = {};
    const iam = new IamService({ dataDir: dir('iam'), account, clock });
    // Keys the IAM service issued are role sessions; an `ASIA…` key it never issued is treated as a
    // session too, so the IAM check refuses it ("security token invalid") instead of granting root.
    const identify = (accessKeyId: string): CallerIdentity => {
      const identity = iam.identify(accessKeyId);
      if (identity.kind === 'root') return { accessKeyId, kind: 'root' };
      return identity.kind === 'role'
        ? { accessKeyId, kind: 'role', roleArn: identity.roleArn, sessionName: identity.sessionName }
        : { accessKeyId, kind: 'role' };
    };
    const endpointHolder = { url: '' };
    const disk = new DiskGuard({ ...options.disk, path: options.dataDir });
    const dynamodb = await DynamoDbService.open({
      dataDir: dir('dynamodb'),
      clock,
      account,
      onBackgroundError: (e) => warn(`DynamoDB TTL sweep failed: ${String(e)}`),
    });
    undo.push(() => dynamodb.close());

    const sns: SnsService = new SnsService({
      dataDir: dir('sns'),
      clock,
      account,
      sendToQueue: async (queueArn, body) => {
        sqs.sendMessageToArn(queueArn, { MessageBody: body });
      },
    });
    const cloudwatch = new CloudWatchService({
      dataDir: dir('cloudwatch'),
      clock,
      account,
      publish: async (topicArn, subject, message) => {
        await sns.publish({ topicArn, subject, message });
      },
      writeGate: disk,
    });
    const s3 = new S3Service({
      dataDir: dir('s3'),
      clock,
      account,
      evaluateBucketPolicy: bucketPolicyEvaluator,
      ...(options.retentionScale ? { retentionScale: options.retentionScale } : {}),
    });
    const sqs: SqsService = new SqsService({
      dataDir: dir('sqs'),
      clock,
      account,
      endpointUrl: () => endpointHolder.url,
      metrics: cloudwatch,
    });
    const firehose = new FirehoseService({ dataDir: dir('firehose'), clock, account, s3, writeGate: disk });
    const logs = new LogsService({
      dataDir: dir('logs'),
      clock,
      account,
      deliver: async (destinationArn, data) => {
        if (!destinationArn.includes(':firehose:'))
          throw new Error(`subscription destination ${destinationArn} is not a Firehose stream`);
        firehose.putRecord(destinationArn.slice(destinationArn.lastIndexOf('/') + 1), data, {
          fromCloudWatchLogs: true,
        });
      },
      ...(options.retentionScale ? { retentionScale: options.retentionScale } : {}),
      onDeliveryError: (arn, error) =>
        warn(`log subscription delivery to ${arn} failed: ${(error as Error).message}`),
      writeGate: disk,
    });

    const endpoint = new AwsEndpoint({
      host,
      port: options.port ?? 4566,
      account,
      // Filled in below, before start() returns: the endpoint must listen first so its URL can be
      // given to the services (queue URLs, the functions' AWS_ENDPOINT_URL).
      services: serviceMap,
      ...guard,
      identify,
      secretFor: (key) => iam.secretFor(key),
      authorize: (caller, action, resource) => {
        if (caller.kind !== 'role') return { allowed: true };
        // A session key the IAM service never issued (no role): refused, never granted as root.
        if (!caller.roleArn)
          return iam.authorize({ kind: 'unknown', accessKeyId: caller.accessKeyId }, action, resource);
        return iam.authorize(
          {
            kind: 'role',
            roleArn: caller.roleArn,
            roleName: caller.roleArn.slice(caller.roleArn.lastIndexOf('/') + 1),
            sessionName: caller.sessionName ?? 'session',
          },
          action,
          resource,
        );
      },
      onInternalError: (error, requestId) =>
        warn(
          `internal error behind a 500 (request id ${requestId}): ${(error as Error).stack ?? String(error)}`,
        ),
    });
    endpointHolder.url = (await endpoint.start()).url;
    undo.push(() => endpoint.close());

    const lambda = new LambdaService({
      dataDir: dir('lambda'),
      clock,
      account,
      logs: functionLogSink(logs),
      metrics: cloudwatch,
      endpointUrl: endpointHolder.url,
      credentialsFor: (roleArn) =>
        iam.issueCredentials(roleArn, roleArn.slice(roleArn.lastIndexOf('/') + 1).slice(0, 64), {
          assumedBy: 'lambda.amazonaws.com',
        }),
      deadLetter: async (targetArn, message) => {
        if (targetArn.includes(':sns:')) {
          await sns.publish({ topicArn: targetArn, message: message.body });
          return;
        }
        sqs.sendMessageToArn(targetArn, {
          MessageBody: message.body,
          MessageAttributes: {
            RequestID: { DataType: 'String', StringValue: message.attributes.RequestID },
            ErrorCode: { DataType: 'Number', StringValue: message.attributes.ErrorCode },
            ErrorMessage: { DataType: 'String', StringValue: message.attributes.ErrorMessage },
          },
        });
      },
      ...(options.lambdaHosts === undefined ? {} : { hosts: options.lambdaHosts }),
    });
    undo.push(() => lambda.close());
    const httpApi = new HttpApiService({
      dataDir: dir('http-api'),
      clock,
      account,
      lambda: { invoke: (request) => lambda.invoke(request) },
      logs,
      metrics: cloudwatch,
      host,
      basePort: options.apiBasePort ?? 4567,
      refuseWrites: () => disk.belowFloor(),
      guard,
    });
    const events = new EventsService({
      dataDir: dir('events'),
      clock,
      account,
      invokeLambda: async (functionArn, payload, caller) => {
        await lambda.invoke({ functionName: functionArn, payload, invocationType: 'Event', caller });
      },
      onTargetError: (rule, target, error) =>
        warn(`rule ${rule} could not invoke target ${target}: ${(error as Error).message}`),
      deadLetter: async (queueArn, body, attributes) => {
        sqs.sendMessageToArn(queueArn, {
          MessageBody: body,
          MessageAttributes: Object.fromEntries(
            Object.entries(attributes).map(([name, value]) => [
              name,
              { DataType: 'String', StringValue: value },
            ]),
          ),
        });
      },
    });
    const services: EngineServices = {
      iam,
      logs,
      cloudwatch,
      sns,
      dynamodb,
      s3,
      sqs,
      firehose,
      lambda,
      httpApi,
      events,
    };
    const deployer = new StackDeployer({
      statePath: join(dir('cloudformation'), 'stacks.json'),
      registry: allProviders(services),
      account,
      clock,
      rewriteOutput: composeRewriters(executeApiRewriter(httpApi), localUrlRewriter(httpApi, sqs)),
    });
    const cloudFormation = new CloudFormationApi({
      reader: stackReaderOf(deployer),
      control: stackControlOf(
        deployer,
        (bucket, key) => s3.getObject({ bucket, key }).body.toString('utf8'),
        account,
      ),
      statePath: join(dir('cloudformation'), 'api.json'),
      now: () => clock.now(),
      onBackgroundError: (e) => warn(`stack operation failed: ${(e as Error).stack ?? String(e)}`),
    });
    const stateCheck = await checkStackState(options, deployer, services, clock);
    Object.assign(
      serviceMap,
      withDiskFloor(
        stateCheck.recordDrift(buildServiceMap(services, stackReaderOf(deployer), account, cloudFormation)),
        disk,
      ),
    );

    undo.push(
      () => logs.close(),
      () => s3.stop(),
      () => sqs.stop(),
      () => firehose.stop(),
    );
    undo.push(
      () => cloudwatch.close(),
      () => httpApi.close(),
      () => events.close(),
    );
    await logs.start();
    s3.start();
    sqs.start();
    firehose.start();
    cloudwatch.start();
    await httpApi.start();
    await events.start();
    await resumeDeploys(deployer, options.onStackEvent, warn);
    const usage = new UsageSampler(options.dataDir, (e) =>
      warn(`data directory size sample failed: ${String(e)}`),
    );
    usage.start();
    undo.push(() => usage.stop());
    const engine = new Engine(
      services,
      deployer,
      endpoint,
      endpointHolder.url,
      clock,
      cloudFormation,
      stateCheck,
      disk,
    );
    engine.usage = usage;
    return engine;
  }

  /**
   * Creates or updates a stack from a template body (JSON or YAML), reporting each event as it
   * happens, on the CloudFormation API's own path (the local user acknowledges every capability).
   */
  deploy(request: DeployRequest): Promise<DeployResult> {
    return deployThroughApi(this.cloudFormation, request);
  }

  /** Samples the data directory's size for `tapstack status` (set once started). */
  private usage: UsageSampler | undefined;

  /**
   * Serves the console for `stackName` on the AWS endpoint's port under /_console/; returns its URL.
   * (engine/src/console; it reads through this endpoint like any AWS client.)
   */
  serveConsole(stackName: string): { url: string; server: ConsoleServer } {
    if (this.console) throw new Error('the console is already served');
    const url = new URL(this.endpointUrl);
    const { events, sns } = this.services;
    const server = createConsole({
      endpointUrl: this.endpointUrl,
      stackName,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port),
      extras: {
        now: () => this.clock.now(),
        nextFireAt: (rule) => events.listRules(rule).find((r) => r.name === rule)?.nextFireAt,
        snsDeliveries: (topicArn) => sns.listDeliveries(topicArn),
      },
    });
    this.console = server;
    this.endpoint.mount(CONSOLE_PREFIX, (req, res) => server.handle(req, res));
    return { url: `${this.endpointUrl}${CONSOLE_PREFIX}/`, server };
  }

  /** Stops listeners, timers and workers and flushes state; data stays for the next start. */
  async close(): Promise<void> {
    this.console?.close();
    this.usage?.stop();
    const { events, httpApi, lambda, cloudwatch, firehose, sqs, s3, logs, dynamodb } = this.services;
    events.close();
    await this.endpoint.close();
    await httpApi.close();
    await lambda.close();
    cloudwatch.close();
    firehose.stop();
    sqs.stop();
    s3.stop();
    await logs.close();
    await dynamodb.close();
  }
}
