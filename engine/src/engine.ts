/**
 * One local cloud: every service, the AWS endpoint and the stack deployer, built per instance
 * (no process-global state), so tests can run two engines in one process.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_PREFIX, type ConsoleServer, createConsole } from './console/index.ts';
import type { StackDeployer } from './deploy/stack-deployer.ts';
import type { DeployResult, StackEvent } from './deploy/types.ts';
import { AwsEndpoint } from './edge/index.ts';
import { HostPolicy } from './net/host-allowlist.ts';
import type { ListenerLimits } from './net/listener-guard.ts';
import type { ServiceEntry, SigningName } from './protocol/index.ts';
import { type AccountContext, DEFAULT_ACCOUNT } from './runtime/account.ts';
import { type Clock, RealClock } from './runtime/clock.ts';
import { UsageSampler } from './runtime/data-usage.ts';
import { DiskGuard, type DiskGuardOptions } from './runtime/disk-space.ts';
import type { CloudFormationService } from './services/cloudformation/index.ts';
import { EventsService } from './services/events/index.ts';
import { HttpApiService } from './services/http-api/index.ts';
import { LambdaService } from './services/lambda/index.ts';
import { type EngineSettings, openDataServices, startDataServices } from './wiring/data-services.ts';
import { withDiskFloor } from './wiring/disk-floor-hooks.ts';
import type { EngineServices } from './wiring/engine-services.ts';
import { eventsDeadLetters } from './wiring/events-dead-letters.ts';
import { functionLogSink } from './wiring/function-log-sink.ts';
import { authorizeCaller, identifyCaller } from './wiring/iam-callers.ts';
import { lambdaDeadLetters } from './wiring/lambda-dead-letters.ts';
import { lambdaRoleCredentials } from './wiring/lambda-role-credentials.ts';
import { deployThroughApi } from './wiring/local-deploy.ts';
import { resumeDeploys } from './wiring/resume-deploys.ts';
import { buildServiceMap } from './wiring/service-map.ts';
import { stackReaderOf } from './wiring/stack-reader.ts';
import { openStacks } from './wiring/stacks.ts';
import { StartedParts } from './wiring/started-parts.ts';
import { checkStackState, explainStartFailure, type StateCheck } from './wiring/state-check/index.ts';

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
    readonly cloudFormation: CloudFormationService,
    /** What the start-up check found: drift (deleted through the endpoint) and, in repair mode, damage. */
    readonly stateCheck: StateCheck,
    /** Free space on the data directory's disk (`up` warns from it; writes stop under its floor). */
    readonly disk: DiskGuard,
    /** What holds something open, each part after what it uses; close() stops them last to first. */
    private readonly parts: StartedParts,
  ) {}

  static async start(options: EngineOptions): Promise<Engine> {
    // A failure part-way (a corrupt state file is read by a constructor) must not leave the
    // endpoint listening or the store open: the caller gets the error and a process that can exit.
    const parts = new StartedParts();
    try {
      return await Engine.open(options, parts);
    } catch (error) {
      // Failures while stopping are dropped: the start's own error is the one to report.
      await parts.stopAll();
      throw explainStartFailure(error, options.dataDir);
    }
  }

  /**
   * Builds the services, checks the stored state against the stacks, then starts the services'
   * work, registering each part's stop in `parts` as it starts. The AWS endpoint listens early
   * (its URL goes into queue URLs and the functions' environment) and serves once the check passed.
   */
  private static async open(options: EngineOptions, parts: StartedParts): Promise<Engine> {
    const account = options.account ?? DEFAULT_ACCOUNT;
    const clock = options.clock ?? new RealClock();
    const host = options.host ?? '127.0.0.1';
    const warn = options.onWarning ?? ((message: string) => console.error(`[tapstack] ${message}`));
    const logInternalError = (error: unknown, requestId: string): void =>
      warn(
        `internal error behind a 500 (request id ${requestId}): ${(error as Error).stack ?? String(error)}`,
      );
    const guard = listenerGuard(options, host, warn);
    const dir = dataDirectories(options.dataDir);
    const disk = new DiskGuard({ ...options.disk, path: options.dataDir });
    const settings: EngineSettings = {
      account,
      clock,
      warn,
      dir,
      writeGate: disk,
      ...(options.retentionScale ? { retentionScale: options.retentionScale } : {}),
    };
    const endpointHolder = { url: '' };

    const data = await openDataServices(settings, () => endpointHolder.url, parts);
    const { iam, sns, cloudwatch, sqs, logs } = data;

    // The endpoint listens before the services that need its URL exist; it serves once the map is
    // filled below, before start() returns (until then every service is unknown to it).
    const serviceMap: { -readonly [name in SigningName]?: ServiceEntry } = {};
    const endpoint = new AwsEndpoint({
      host,
      port: options.port ?? 4566,
      account,
      services: serviceMap,
      ...guard,
      identify: identifyCaller(iam),
      secretFor: (key) => iam.secretFor(key),
      authorize: authorizeCaller(iam),
      onInternalError: logInternalError,
    });
    parts.started('AWS endpoint', () => endpoint.close());
    endpointHolder.url = (await endpoint.start()).url;

    const lambda = new LambdaService({
      dataDir: dir('lambda'),
      clock,
      account,
      logs: functionLogSink(logs),
      metrics: cloudwatch,
      endpointUrl: endpointHolder.url,
      endpointChannel: (call) => endpoint.answer(call),
      credentialsFor: lambdaRoleCredentials(iam),
      deadLetter: lambdaDeadLetters(sns, sqs),
      ...(options.lambdaHosts === undefined ? {} : { hosts: options.lambdaHosts }),
    });
    parts.started('Lambda', () => lambda.close());
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
      deadLetter: eventsDeadLetters(sqs),
    });
    const services: EngineServices = { ...data, lambda, httpApi, events };
    const { deployer, cloudFormation } = openStacks(services, settings);
    const stateCheck = await checkStackState(options, deployer, services, clock);
    Object.assign(
      serviceMap,
      withDiskFloor(
        stateCheck.recordDrift(
          buildServiceMap(services, stackReaderOf(deployer), account, cloudFormation, logInternalError),
        ),
        disk,
      ),
    );
    // Only now, once the state check passed: a refused start leaves every file as it was.
    await startDataServices(data, parts);
    // Lambda writes to Logs and CloudWatch and the endpoint serves every service: both stop
    // first, the endpoint before Lambda (no request through it reaches a closed Lambda).
    parts.nowUses('Lambda');
    parts.nowUses('AWS endpoint');

    parts.started('HTTP API listeners', () => httpApi.close());
    await httpApi.start();
    parts.started('EventBridge schedules', () => events.close());
    await events.start();
    await resumeDeploys(deployer, options.onStackEvent, warn);
    const usage = new UsageSampler(options.dataDir, (e) =>
      warn(`data directory size sample failed: ${String(e)}`),
    );
    usage.start();
    parts.started('data directory size sampler', () => usage.stop());
    return new Engine(
      services,
      deployer,
      endpoint,
      endpointHolder.url,
      clock,
      cloudFormation,
      stateCheck,
      disk,
      parts,
    );
  }

  /**
   * Creates or updates a stack from a template body (JSON or YAML), reporting each event as it
   * happens, on the CloudFormation API's own path (the local user acknowledges every capability).
   */
  deploy(request: DeployRequest): Promise<DeployResult> {
    return deployThroughApi(this.cloudFormation, request);
  }

  /**
   * Serves the console for `stackName` on the AWS endpoint's port under /_console/; returns its URL.
   * (engine/src/console; it reads through this endpoint like any AWS client.)
   */
  serveConsole(stackName: string): { url: string; server: ConsoleServer } {
    if (this.console) throw new Error('the console is already served');
    const url = new URL(this.endpointUrl);
    const { events, sns, dynamodb } = this.services;
    const server = createConsole({
      endpointUrl: this.endpointUrl,
      stackName,
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: Number(url.port),
      extras: {
        now: () => this.clock.now(),
        nextFireAt: (rule) => events.listRules(rule).find((r) => r.name === rule)?.nextFireAt,
        snsDeliveries: (topicArn) => sns.listDeliveries(topicArn),
        watchStoredItems: (listener) => dynamodb.watchStoredItems(listener),
      },
    });
    this.console = server;
    this.parts.started('console', () => server.close());
    this.endpoint.mount(CONSOLE_PREFIX, (req, res) => server.handle(req, res));
    return { url: `${this.endpointUrl}${CONSOLE_PREFIX}/`, server };
  }

  /** Stops listeners, timers and workers, each before what it uses, and flushes state; data stays for the next start. */
  async close(): Promise<void> {
    const failures = await this.parts.stopAll();
    if (failures.length > 0) throw new AggregateError(failures, failures.map((f) => f.message).join('; '));
  }

  /** The parts that are running; close() stops them from the last to the first. */
  startedParts(): string[] {
    return this.parts.names();
  }
}

/** The options every listener (the endpoint, each HTTP API) is guarded with. */
function listenerGuard(options: EngineOptions, host: string, warn: (message: string) => void) {
  const hostPolicy = new HostPolicy({
    listenHost: host,
    allowHosts: options.allowHosts ?? [],
    allowOrigins: options.allowOrigins ?? [],
  });
  return {
    hostPolicy,
    onWarning: warn,
    ...(options.listenerLimits ? { limits: options.listenerLimits } : {}),
  };
}

/** Creates the data directory (private to the user) and returns a maker of its per-service folders. */
function dataDirectories(dataDir: string): (name: string) => string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return (name) => {
    const path = join(dataDir, name);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return path;
  };
}
