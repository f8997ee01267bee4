/**
 * One local cloud: every service, the AWS endpoint and the stack deployer, built per instance
 * (no process-global state), so tests can run two engines in one process.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PREFIX, type ConsoleServer, createConsole } from './console/index.ts';
import { StackDeployer } from './deploy/stack-deployer.ts';
import type { DeployResult, StackEvent } from './deploy/types.ts';
import { AwsEndpoint, type ServiceEntry, type SigningName } from './edge/index.ts';
import type { CallerIdentity } from './protocol/operation.ts';
import { allProviders } from './providers/all-providers.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from './runtime/account.ts';
import { type Clock, RealClock } from './runtime/clock.ts';
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
import type { EngineServices } from './wiring/engine-services.ts';
import { executeApiRewriter } from './wiring/execute-api-output.ts';
import { buildServiceMap } from './wiring/service-map.ts';
import { stackReaderOf } from './wiring/stack-reader.ts';
import { verifyStackTables } from './wiring/verify-data.ts';

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
  /** Background problems (failed deliveries, bugs behind a 500) are reported here; default stderr. */
  readonly onWarning?: (message: string) => void;
}

export interface DeployRequest {
  readonly stackName: string;
  readonly templateBody: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly onEvent?: (event: StackEvent) => void;
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
      throw error;
    }
  }

  private static async open(options: EngineOptions, undo: Array<() => unknown>): Promise<Engine> {
    const account = options.account ?? DEFAULT_ACCOUNT;
    const clock = options.clock ?? new RealClock();
    const host = options.host ?? '127.0.0.1';
    const warn = options.onWarning ?? ((message: string) => console.error(`[tapstack] ${message}`));
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
    });
    const s3 = new S3Service({
      dataDir: dir('s3'),
      clock,
      account,
      evaluateBucketPolicy: bucketPolicyEvaluator,
    });
    const sqs: SqsService = new SqsService({
      dataDir: dir('sqs'),
      clock,
      account,
      endpointUrl: () => endpointHolder.url,
      metrics: cloudwatch,
    });
    const firehose = new FirehoseService({ dataDir: dir('firehose'), clock, account, s3 });
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
      onDeliveryError: (arn, error) =>
        warn(`log subscription delivery to ${arn} failed: ${(error as Error).message}`),
    });

    const endpoint = new AwsEndpoint({
      host,
      port: options.port ?? 4566,
      account,
      // Filled in below, before start() returns: the endpoint must listen first so its URL can be
      // given to the services (queue URLs, the functions' AWS_ENDPOINT_URL).
      services: serviceMap,
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
      onInternalError: (error) =>
        warn(`internal error behind a 500: ${(error as Error).stack ?? String(error)}`),
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
      rewriteOutput: executeApiRewriter(httpApi),
    });
    Object.assign(serviceMap, buildServiceMap(services, stackReaderOf(deployer), account));
    await verifyStackTables(deployer, dynamodb, dir('dynamodb'));

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
    return new Engine(services, deployer, endpoint, endpointHolder.url, clock);
  }

  /** Creates or updates a stack from a template body, reporting each event as it happens. */
  deploy(request: DeployRequest): Promise<DeployResult> {
    return this.deployer.deploy({
      stackName: request.stackName,
      template: request.templateBody,
      parameterOverrides: request.parameters ?? {},
      ...(request.onEvent ? { onEvent: request.onEvent } : {}),
    });
  }

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
