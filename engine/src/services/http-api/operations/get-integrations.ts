import type { HttpApiService } from '../service.ts';
import { readRoute } from './read-route.ts';
import { integrationView } from './views.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-integrations.html#apis-apiid-integrationsget */
export const getIntegrations = (service: HttpApiService) =>
  readRoute('/v2/apis/{apiId}/integrations', 'GetIntegrations', (params) => ({
    items: service.getIntegrations(params.apiId ?? '').map(integrationView),
  }));
