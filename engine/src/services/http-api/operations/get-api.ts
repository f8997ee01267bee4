import type { HttpApiService } from '../service.ts';
import { readRoute } from './read-route.ts';
import { apiView } from './views.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid.html#apis-apiidget */
export const getApi = (service: HttpApiService) =>
  readRoute('/v2/apis/{apiId}', 'GetApi', (params) => apiView(service.getApi(params.apiId ?? '')));
