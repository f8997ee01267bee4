import type { AccessLogSettings, RouteSettings, StageRecord } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { buildStage, type CreateStageInput, getStage } from './stage-rules.ts';

export interface UpdateStageInput {
  readonly AutoDeploy?: boolean;
  /** `null` removes the setting; absent leaves it unchanged. */
  readonly DefaultRouteSettings?: RouteSettings | null;
  readonly RouteSettings?: Readonly<Record<string, RouteSettings>>;
  readonly AccessLogSettings?: AccessLogSettings | null;
  readonly StageVariables?: Readonly<Record<string, string>>;
  readonly Tags?: Readonly<Record<string, string>>;
}

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html#apis-apiid-stages-stagename-http-methods */
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
