import { httpApiErrors } from './errors.ts';
import { randomId } from './ids.ts';
import type { ApiRecord, ApiState, CorsConfiguration } from './model.ts';
import type { HttpApiStore } from './store.ts';
import { requireName, validateCors, validateStringMap } from './validation.ts';

/**
 * CreateApi / UpdateApi / DeleteApi / GetApi on the store (listeners are the service's concern).
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html
 */
export interface CreateApiInput {
  readonly Name: string;
  /** Only `HTTP` is emulated. */
  readonly ProtocolType: string;
  readonly Description?: string;
  readonly CorsConfiguration?: CorsConfiguration;
  readonly Tags?: Readonly<Record<string, string>>;
}

export interface UpdateApiInput {
  readonly Name?: string;
  readonly Description?: string;
  /** `null` removes the configuration; absent leaves it unchanged. */
  readonly CorsConfiguration?: CorsConfiguration | null;
  readonly Tags?: Readonly<Record<string, string>>;
}

export const createApiRecord = (store: HttpApiStore, input: CreateApiInput, now: number): ApiState => {
  if (input.ProtocolType !== 'HTTP') {
    throw httpApiErrors.badRequest(`ProtocolType '${String(input.ProtocolType)}' is not emulated: only HTTP`);
  }
  let apiId = randomId(10);
  while (store.find(apiId)) apiId = randomId(10);
  const api: ApiRecord = {
    ApiId: apiId,
    Name: requireName(input.Name),
    ProtocolType: 'HTTP',
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(input.CorsConfiguration ? { CorsConfiguration: validateCors(input.CorsConfiguration) } : {}),
    Tags: validateStringMap(input.Tags, 'Tags'),
    CreatedDate: new Date(now).toISOString(),
  };
  const state: ApiState = { api, routes: {}, integrations: {}, stages: {} };
  store.put(state);
  return state;
};

export const updateApiRecord = (store: HttpApiStore, apiId: string, input: UpdateApiInput): ApiRecord => {
  const state = store.get(apiId);
  const { CorsConfiguration: _cors, ...current } = state.api;
  const cors = input.CorsConfiguration === undefined ? state.api.CorsConfiguration : input.CorsConfiguration;
  state.api = {
    ...current,
    ...(input.Name !== undefined ? { Name: requireName(input.Name) } : {}),
    ...(input.Description !== undefined ? { Description: input.Description } : {}),
    ...(input.Tags !== undefined ? { Tags: validateStringMap(input.Tags, 'Tags') } : {}),
    ...(cors ? { CorsConfiguration: validateCors(cors) } : {}),
  };
  store.save();
  return state.api;
};
