import { httpApiErrors } from './errors.ts';
import type { AccessLogSettings, ApiState, RouteSettings, StageRecord } from './model.ts';
import type { HttpApiStore } from './store.ts';
import {
  validateAccessLogSettings,
  validateRouteSettings,
  validateStageName,
  validateStringMap,
} from './validation.ts';

/**
 * CreateStage / UpdateStage / DeleteStage. `$default` serves the API's root; a named stage serves
 * `/<name>/...`.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html
 */
export interface CreateStageInput {
  readonly StageName: string;
  readonly AutoDeploy?: boolean;
  readonly DefaultRouteSettings?: RouteSettings;
  /** Keyed by route key (`POST /capture`). */
  readonly RouteSettings?: Readonly<Record<string, RouteSettings>>;
  readonly AccessLogSettings?: AccessLogSettings;
  readonly StageVariables?: Readonly<Record<string, string>>;
  readonly Tags?: Readonly<Record<string, string>>;
}

export interface UpdateStageInput {
  readonly AutoDeploy?: boolean;
  /** `null` removes the setting; absent leaves it unchanged. */
  readonly DefaultRouteSettings?: RouteSettings | null;
  readonly RouteSettings?: Readonly<Record<string, RouteSettings>>;
  readonly AccessLogSettings?: AccessLogSettings | null;
  readonly StageVariables?: Readonly<Record<string, string>>;
  readonly Tags?: Readonly<Record<string, string>>;
}

/** HTTP API quota: stages per API. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
const MAX_STAGES = 10;

export const createStage = (
  store: HttpApiStore,
  apiId: string,
  input: CreateStageInput,
  now: number,
): StageRecord => {
  const state = store.get(apiId);
  const name = validateStageName(input.StageName);
  if (state.stages[name]) throw httpApiErrors.conflict(`Stage already exists: ${name}`);
  if (Object.keys(state.stages).length >= MAX_STAGES) {
    throw httpApiErrors.badRequest(`An HTTP API can have at most ${MAX_STAGES} stages`);
  }
  const date = new Date(now).toISOString();
  const stage = buildStage(name, input, date, date);
  state.stages[name] = stage;
  store.save();
  return stage;
};

export const updateStage = (
  store: HttpApiStore,
  apiId: string,
  stageName: string,
  input: UpdateStageInput,
  now: number,
): StageRecord => {
  const state = store.get(apiId);
  const existing = getStage(state, stageName);
  const pick = <T>(next: T | null | undefined, current: T | undefined): T | undefined =>
    next === null ? undefined : (next ?? current);
  const merged: CreateStageInput = {
    StageName: stageName,
    AutoDeploy: input.AutoDeploy ?? existing.AutoDeploy,
    DefaultRouteSettings: pick(input.DefaultRouteSettings, existing.DefaultRouteSettings),
    RouteSettings: input.RouteSettings ?? existing.RouteSettings,
    AccessLogSettings: pick(input.AccessLogSettings, existing.AccessLogSettings),
    StageVariables: input.StageVariables ?? existing.StageVariables,
    Tags: input.Tags ?? existing.Tags,
  };
  const stage = buildStage(stageName, merged, existing.CreatedDate, new Date(now).toISOString());
  state.stages[stageName] = stage;
  store.save();
  return stage;
};

export const deleteStage = (store: HttpApiStore, apiId: string, stageName: string): void => {
  const state = store.get(apiId);
  getStage(state, stageName);
  delete state.stages[stageName];
  store.save();
};

export const getStage = (state: ApiState, stageName: string): StageRecord => {
  const stage = state.stages[stageName];
  if (!stage) throw httpApiErrors.notFound(`Invalid stage identifier specified ${stageName}`);
  return stage;
};

const buildStage = (name: string, input: CreateStageInput, created: string, updated: string): StageRecord => {
  const routeSettings: Record<string, RouteSettings> = {};
  for (const [key, settings] of Object.entries(input.RouteSettings ?? {})) {
    routeSettings[key] = validateRouteSettings(settings, `RouteSettings[${key}]`);
  }
  return {
    StageName: name,
    AutoDeploy: input.AutoDeploy ?? false,
    ...(input.DefaultRouteSettings
      ? { DefaultRouteSettings: validateRouteSettings(input.DefaultRouteSettings, 'DefaultRouteSettings') }
      : {}),
    RouteSettings: routeSettings,
    ...(input.AccessLogSettings
      ? { AccessLogSettings: validateAccessLogSettings(input.AccessLogSettings) }
      : {}),
    StageVariables: validateStringMap(input.StageVariables, 'StageVariables'),
    Tags: validateStringMap(input.Tags, 'Tags'),
    CreatedDate: created,
    LastUpdatedDate: updated,
  };
};
