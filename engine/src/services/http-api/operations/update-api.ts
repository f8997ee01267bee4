import type { ApiRecord, CorsConfiguration } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { requireName, validateCors, validateStringMap } from '../validation.ts';

/** UpdateApi on the store. https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiid-http-methods */
export interface UpdateApiInput {
  readonly Name?: string;
  readonly Description?: string;
  /** `null` removes the configuration; absent leaves it unchanged. */
  readonly CorsConfiguration?: CorsConfiguration | null;
  readonly Tags?: Readonly<Record<string, string>>;
}

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
