import type { HttpApiStore } from '../store.ts';
import { getStage } from './stage-rules.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages-stagename.html#apis-apiid-stages-stagename-http-methods */
export const deleteStage = (store: HttpApiStore, apiId: string, stageName: string): void => {
  const state = store.get(apiId);
  getStage(state, stageName);
  delete state.stages[stageName];
  store.save();
};
