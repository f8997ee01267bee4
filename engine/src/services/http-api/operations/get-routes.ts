import type { HttpApiService } from '../service.ts';
import { readRoute } from './read-route.ts';
import { routeView } from './views.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html#apis-apiid-routesget */
export const getRoutes = (service: HttpApiService) =>
  readRoute('/v2/apis/{apiId}/routes', 'GetRoutes', (params) => ({
    items: service.getRoutes(params.apiId ?? '').map(routeView),
  }));
