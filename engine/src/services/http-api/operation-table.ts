/**
 * The API Gateway v2 management API's read operations on the AWS endpoint (REST-JSON, signing name
 * `apigateway`), so `aws apigatewayv2 get-apis` finds the API id. APIs are written only by
 * CloudFormation; write operations answer the endpoint's unknown-route error.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/api-reference.html
 */
import type { RestJsonServiceEntry } from '../../../protocol/service-entry.ts';
import type { HttpApiService } from '../http-api-service.ts';
import { getApi } from './get-api.ts';
import { getApis } from './get-apis.ts';
import { getIntegrations } from './get-integrations.ts';
import { getRoutes } from './get-routes.ts';
import { getStages } from './get-stages.ts';

export const apiGatewayV2WireService = (service: HttpApiService): RestJsonServiceEntry => ({
  kind: 'rest-json',
  routes: [
    getApis(service),
    getApi(service),
    getStages(service),
    getRoutes(service),
    getIntegrations(service),
  ],
});
