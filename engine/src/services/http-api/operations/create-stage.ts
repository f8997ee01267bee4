import { httpApiErrors } from '../errors.ts';
import type { StageRecord } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { validateStageName } from '../validation.ts';
import { buildStage, type CreateStageInput } from './stage-rules.ts';

/** HTTP API quota: stages per API. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html */
const MAX_STAGES = 10;

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html#apis-apiid-stages-http-methods */
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
