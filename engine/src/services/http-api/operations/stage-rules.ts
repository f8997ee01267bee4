import { httpApiErrors } from '../errors.ts';
import type { AccessLogSettings, ApiState, RouteSettings, StageRecord } from '../model.ts';
import { validateAccessLogSettings, validateRouteSettings, validateStringMap } from '../validation.ts';

/**
 * What CreateStage and UpdateStage check. `$default` serves the API's root; a named stage serves
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

export const getStage = (state: ApiState, stageName: string): StageRecord => {
  const stage = state.stages[stageName];
  if (!stage) throw httpApiErrors.notFound(`Invalid stage identifier specified ${stageName}`);
  return stage;
};

export const buildStage = (
  name: string,
  input: CreateStageInput,
  created: string,
  updated: string,
): StageRecord => {
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
