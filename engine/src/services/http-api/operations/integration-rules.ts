import { httpApiErrors } from './errors.ts';
import { randomId } from './ids.ts';
import type { ApiState, IntegrationRecord } from './model.ts';
import type { HttpApiStore } from './store.ts';
import { functionArnFromUri, validatePayloadFormat, validateTimeout } from './validation.ts';

/**
 * CreateIntegration / UpdateIntegration / DeleteIntegration, for Lambda proxy (AWS_PROXY) integrations.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html
 */
export interface CreateIntegrationInput {
  /** Only `AWS_PROXY` is emulated. */
  readonly IntegrationType: string;
  readonly IntegrationUri: string;
  /** Required by AWS for Lambda proxy integrations; only `2.0` is emulated. */
  readonly PayloadFormatVersion: string;
  /** 50 to 30000; default 30000. */
  readonly TimeoutInMillis?: number;
  /** Ignored for Lambda proxy integrations (always POST to Lambda). */
  readonly IntegrationMethod?: string;
}

export type UpdateIntegrationInput = Partial<CreateIntegrationInput>;

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

export const getIntegration = (state: ApiState, integrationId: string): IntegrationRecord => {
  const integration = state.integrations[integrationId];
  if (!integration) throw httpApiErrors.notFound(`Invalid Integration identifier specified ${integrationId}`);
  return integration;
};

const buildIntegration = (integrationId: string, input: CreateIntegrationInput): IntegrationRecord => {
  if (input.IntegrationType !== 'AWS_PROXY') {
    throw httpApiErrors.badRequest(
      `IntegrationType '${String(input.IntegrationType)}' is not emulated: only AWS_PROXY`,
    );
  }
  return {
    IntegrationId: integrationId,
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: input.IntegrationUri,
    FunctionArn: functionArnFromUri(input.IntegrationUri),
    PayloadFormatVersion: validatePayloadFormat(input.PayloadFormatVersion),
    TimeoutInMillis: validateTimeout(input.TimeoutInMillis),
  };
};
