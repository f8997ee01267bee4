import type { HttpApiService } from '../service.ts';
import { readRoute } from './read-route.ts';
import { apiView } from './views.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html#apisget (one page: no nextToken). */
export const getApis = (service: HttpApiService) =>
  readRoute('/v2/apis', 'GetApis', () => ({ items: service.listApis().map(apiView) }));
