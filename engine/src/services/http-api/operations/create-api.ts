import { httpApiErrors } from '../errors.ts';
import { randomId } from '../ids.ts';
import type { ApiRecord, ApiState, CorsConfiguration } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { requireName, validateCors, validateStringMap } from '../validation.ts';

/**
 * CreateApi on the store (the listener is the service's concern).
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html#apis-http-methods
 */
export interface CreateApiInput {
  readonly Name: string;
  /** Only `HTTP` is emulated. */
  readonly ProtocolType: string;
  readonly Description?: string;
  readonly CorsConfiguration?: CorsConfiguration;
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
