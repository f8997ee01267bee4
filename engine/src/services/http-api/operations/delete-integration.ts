import { httpApiErrors } from '../errors.ts';
import type { HttpApiStore } from '../store.ts';
import { getIntegration } from './integration-rules.ts';

/**
 * Refused while a route still targets the integration.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations-integrationid.html#apis-apiid-integrations-integrationid-http-methods
 */
export const deleteIntegration = (store: HttpApiStore, apiId: string, integrationId: string): void => {
  const state = store.get(apiId);
  getIntegration(state, integrationId);
  const user = Object.values(state.routes).find((r) => r.Target === `integrations/${integrationId}`);
  if (user) {
    throw httpApiErrors.conflict(
      `Integration ${integrationId} is still the target of route ${user.RouteId} (${user.RouteKey})`,
    );
  }
  delete state.integrations[integrationId];
  store.save();
};
