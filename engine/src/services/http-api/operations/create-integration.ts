import { randomId } from '../ids.ts';
import type { IntegrationRecord } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { buildIntegration, type CreateIntegrationInput } from './integration-rules.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html#apis-apiid-integrations-http-methods */
export const createIntegration = (
  store: HttpApiStore,
  apiId: string,
  input: CreateIntegrationInput,
): IntegrationRecord => {
  const state = store.get(apiId);
  let integrationId = randomId(7);
  while (state.integrations[integrationId]) integrationId = randomId(7);
  const integration = buildIntegration(integrationId, input);
  state.integrations[integrationId] = integration;
  store.save();
  return integration;
};
