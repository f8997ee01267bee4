import { httpApiErrors } from '../errors.ts';
import type { ApiState, IntegrationRecord } from '../model.ts';
import { functionArnFromUri, validatePayloadFormat, validateTimeout } from '../validation.ts';

/**
 * What CreateIntegration and UpdateIntegration check, for Lambda proxy (AWS_PROXY) integrations.
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

export const getIntegration = (state: ApiState, integrationId: string): IntegrationRecord => {
  const integration = state.integrations[integrationId];
  if (!integration) throw httpApiErrors.notFound(`Invalid Integration identifier specified ${integrationId}`);
  return integration;
};

export const buildIntegration = (integrationId: string, input: CreateIntegrationInput): IntegrationRecord => {
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
