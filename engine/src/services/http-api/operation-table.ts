/**
 * The API Gateway v2 management API's read operations on the AWS endpoint (REST-JSON, signing name
 * `apigateway`), so `aws apigatewayv2 get-apis` finds the API id. APIs are written only by
 * CloudFormation; write operations answer the endpoint's unknown-route error.
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/api-reference.html
 */
import type { RestJsonServiceEntry } from '../../protocol/service-entry.ts';
import { getApi } from './operations/get-api.ts';
import { getApis } from './operations/get-apis.ts';
import { getIntegrations } from './operations/get-integrations.ts';
import { getRoutes } from './operations/get-routes.ts';
import { getStages } from './operations/get-stages.ts';
import type { HttpApiService } from './service.ts';

export const httpApiServiceEntry = (service: HttpApiService): RestJsonServiceEntry => ({
  kind: 'rest-json',
  routes: [
    getApis(service),
    getApi(service),
    getStages(service),
    getRoutes(service),
    getIntegrations(service),
  ],
});
