import type { AccountContext } from '../../runtime/account.ts';
import type { Clock } from '../../runtime/clock.ts';
import type { MetricSink } from '../cloudwatch/metric-sink.ts';
import type { LogSink } from '../logs/sink.ts';
import type { LambdaInvoker } from './invoke-integration.ts';
import { ApiListener, type ListenerGuard } from './listener.ts';
import type { ApiRecord, ApiState, IntegrationRecord, RouteRecord, StageRecord } from './model.ts';
import { type CreateApiInput, createApiRecord } from './operations/create-api.ts';
import { createIntegration } from './operations/create-integration.ts';
import { type CreateRouteInput, createRoute } from './operations/create-route.ts';
import { createStage } from './operations/create-stage.ts';
import { deleteIntegration } from './operations/delete-integration.ts';
import { deleteRoute } from './operations/delete-route.ts';
import { deleteStage } from './operations/delete-stage.ts';
import type { CreateIntegrationInput } from './operations/integration-rules.ts';
import { type CreateStageInput, getStage } from './operations/stage-rules.ts';
import { type UpdateApiInput, updateApiRecord } from './operations/update-api.ts';
import { type UpdateIntegrationInput, updateIntegration } from './operations/update-integration.ts';
import { type UpdateRouteInput, updateRoute } from './operations/update-route.ts';
import { type UpdateStageInput, updateStage } from './operations/update-stage.ts';
import { handleRequest } from './request-handler.ts';
import { HttpApiStore } from './store.ts';
import { TokenBuckets } from './throttle.ts';

export interface HttpApiServiceOptions {
  /** The service's data directory; the control plane is kept in `http-api.json` inside it. */
  readonly dataDir: string;
  readonly clock: Clock;
  readonly account: AccountContext;
  readonly lambda: LambdaInvoker;
  readonly logs: LogSink;
  readonly metrics: MetricSink;
  /** Interface the API listeners bind; default 127.0.0.1. */
  readonly host?: string;
  /** First port for new APIs (then +1, +2, ...); 0 = an ephemeral port each. Default 0. */
  readonly basePort?: number;
  /** True while writes are refused (the disk is under its floor): requests get 429 and write nothing. */
  readonly refuseWrites?: () => boolean;
  /** Host allowlist, timeouts and connection cap of every API listener. */
  readonly guard?: ListenerGuard;
}

/** An API as GetApi returns it, with the local endpoint in place of the execute-api URL. */
export type Api = ApiRecord & { readonly ApiEndpoint: string };

/**
 * The API Gateway v2 HTTP API service: the control plane the CloudFormation providers call, and one
 * local HTTP listener per API serving it with API Gateway's behaviour.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html
 */
export class HttpApiService {
  private readonly store: HttpApiStore;
  private readonly listeners = new Map<string, ApiListener>();
  private readonly buckets = new TokenBuckets();
  private readonly host: string;
  private readonly basePort: number;

  constructor(private readonly options: HttpApiServiceOptions) {
    this.store = new HttpApiStore(options.dataDir);
    this.host = options.host ?? '127.0.0.1';
    this.basePort = options.basePort ?? 0;
  }

  /** Starts a listener for every persisted API, on the port it had before. */
  async start(): Promise<void> {
    for (const apiId of this.store.apiIds()) await this.ensureListening(apiId);
  }

  async close(): Promise<void> {
    const listeners = [...this.listeners.values()];
    this.listeners.clear();
    await Promise.all(listeners.map((l) => l.close()));
  }

  async createApi(input: CreateApiInput): Promise<Api> {
    const state = createApiRecord(this.store, input, this.options.clock.now());
    try {
      await this.ensureListening(state.api.ApiId);
    } catch (error) {
      this.store.remove(state.api.ApiId);
      throw error;
    }
    return this.getApi(state.api.ApiId);
  }

  updateApi(apiId: string, input: UpdateApiInput): Api {
    updateApiRecord(this.store, apiId, input);
    return this.getApi(apiId);
  }

  async deleteApi(apiId: string): Promise<void> {
    this.store.get(apiId);
    const listener = this.listeners.get(apiId);
    this.listeners.delete(apiId);
    await listener?.close();
    this.store.remove(apiId);
    this.buckets.clear(`${apiId}/`);
  }

  getApi(apiId: string): Api {
    const state = this.store.get(apiId);
    return { ...state.api, ApiEndpoint: this.endpointOf(state) };
  }

  listApis(): Api[] {
    return this.store.apiIds().map((id) => this.getApi(id));
  }

  /** `http://<host>:<port>` of the API's listener (its `$default` stage is served at `/`). */
  getEndpoint(apiId: string): string {
    return this.endpointOf(this.store.get(apiId));
  }

  createRoute(apiId: string, input: CreateRouteInput): RouteRecord {
    return createRoute(this.store, apiId, input);
  }

  updateRoute(apiId: string, routeId: string, input: UpdateRouteInput): RouteRecord {
    return updateRoute(this.store, apiId, routeId, input);
  }

  deleteRoute(apiId: string, routeId: string): void {
    deleteRoute(this.store, apiId, routeId);
  }

  getRoutes(apiId: string): RouteRecord[] {
    return Object.values(this.store.get(apiId).routes);
  }

  createIntegration(apiId: string, input: CreateIntegrationInput): IntegrationRecord {
    return createIntegration(this.store, apiId, input);
  }

  updateIntegration(apiId: string, integrationId: string, input: UpdateIntegrationInput): IntegrationRecord {
    return updateIntegration(this.store, apiId, integrationId, input);
  }

  deleteIntegration(apiId: string, integrationId: string): void {
    deleteIntegration(this.store, apiId, integrationId);
  }

  getIntegrations(apiId: string): IntegrationRecord[] {
    return Object.values(this.store.get(apiId).integrations);
  }

  createStage(apiId: string, input: CreateStageInput): StageRecord {
    return createStage(this.store, apiId, input, this.options.clock.now());
  }

  updateStage(apiId: string, stageName: string, input: UpdateStageInput): StageRecord {
    return updateStage(this.store, apiId, stageName, input, this.options.clock.now());
  }

  deleteStage(apiId: string, stageName: string): void {
    deleteStage(this.store, apiId, stageName);
    this.buckets.clear(`${apiId}/${stageName}/`);
  }

  getStage(apiId: string, stageName: string): StageRecord {
    return getStage(this.store.get(apiId), stageName);
  }

  getStages(apiId: string): StageRecord[] {
    return Object.values(this.store.get(apiId).stages);
  }

  private endpointOf(state: ApiState): string {
    return `http://${this.host}:${state.port ?? 0}`;
  }

  private async ensureListening(apiId: string): Promise<void> {
    if (this.listeners.has(apiId)) return;
    const state = this.store.get(apiId);
    const listener = new ApiListener((request) => {
      // Read the state per request, so control-plane changes apply at once.
      const current = this.store.find(apiId) ?? state;
      return handleRequest({ ...this.options, buckets: this.buckets }, current, request);
    }, this.options.guard);
    const previous = state.port;
    state.port = await this.bind(listener, previous);
    if (previous !== undefined && previous !== 0 && previous !== state.port) {
      state.pastPorts = [...new Set([...(state.pastPorts ?? []), previous])].filter((p) => p !== state.port);
    }
    this.listeners.set(apiId, listener);
    this.store.save();
  }

  /**
   * Ports are a property of the run, not of the data: with a base port (`--api-port N`) APIs take
   * the free ports from N on, whatever an earlier run used; with base 0 (any free port) an API
   * gets its previous port back when it is free, so restarts keep URLs stable, else any free port.
   */
  private async bind(listener: ApiListener, previous: number | undefined): Promise<number> {
    if (this.basePort === 0) {
      if (previous !== undefined && previous !== 0) {
        try {
          return await listener.listen(this.host, previous);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        }
      }
      return listener.listen(this.host, 0);
    }
    const taken = new Set([...this.listeners.keys()].map((id) => this.store.find(id)?.port));
    for (let port = this.basePort; port < this.basePort + 1000 && port <= 65_535; port++) {
      if (taken.has(port)) continue;
      try {
        return await listener.listen(this.host, port);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      }
    }
    throw new Error(
      `no free port for an HTTP API listener on ${this.host} from ${this.basePort} to ${this.basePort + 999}; ` +
        'choose another first port with --api-port N, or --api-port 0 for any free port',
    );
  }

  /**
   * A URL of this API resolved in an earlier run (a stored `ApiEndpoint` attribute or output with
   * the port the API had then), rewritten to the API's current URL; anything else unchanged.
   */
  currentUrl(value: string): string {
    const match = /^http:\/\/([^/]+):(\d+)(\/.*)?$/.exec(value);
    if (!match || match[1] !== (this.host.includes(':') ? `[${this.host}]` : this.host)) return value;
    const port = Number(match[2]);
    const states = this.store.apiIds().map((id) => this.store.get(id));
    if (states.some((state) => state.port === port)) return value;
    for (const apiId of this.store.apiIds()) {
      const state = this.store.get(apiId);
      if (state.port !== port && state.pastPorts?.includes(port))
        return `${this.endpointOf(state)}${match[3] ?? ''}`;
    }
    return value;
  }
}
