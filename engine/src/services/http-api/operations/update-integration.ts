import type { IntegrationRecord } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { buildIntegration, type CreateIntegrationInput, getIntegration } from './integration-rules.ts';

export type UpdateIntegrationInput = Partial<CreateIntegrationInput>;

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html#apis-apiid-integrations-integrationid-http-methods */
export const updateIntegration = (
  store: HttpApiStore,
  apiId: string,
  integrationId: string,
  input: UpdateIntegrationInput,
): IntegrationRecord => {
  const state = store.get(apiId);
  const existing = getIntegration(state, integrationId);
  const integration = buildIntegration(integrationId, {
    IntegrationType: input.IntegrationType ?? existing.IntegrationType,
    IntegrationUri: input.IntegrationUri ?? existing.IntegrationUri,
    PayloadFormatVersion: input.PayloadFormatVersion ?? existing.PayloadFormatVersion,
    TimeoutInMillis: input.TimeoutInMillis ?? existing.TimeoutInMillis,
  });
  state.integrations[integrationId] = integration;
  store.save();
  return integration;
};
