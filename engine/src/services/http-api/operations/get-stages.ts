import type { HttpApiService } from '../service.ts';
import { readRoute } from './read-route.ts';
import { stageView } from './views.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html#apis-apiid-stagesget */
export const getStages = (service: HttpApiService) =>
  readRoute('/v2/apis/{apiId}/stages', 'GetStages', (params) => ({
    items: service.getStages(params.apiId ?? '').map(stageView),
  }));
