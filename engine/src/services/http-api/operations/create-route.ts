import { randomId } from '../ids.ts';
import type { RouteRecord } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { validateRouteKey } from '../validation.ts';
import { assertUniqueKey, checkAuthorization, checkTarget } from './route-rules.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html#apis-apiid-routes-http-methods */
export interface CreateRouteInput {
  readonly RouteKey: string;
  /** `integrations/<IntegrationId>`. */
  readonly Target?: string;
  /** Only `NONE` is emulated. */
  readonly AuthorizationType?: string;
}

export const createRoute = (store: HttpApiStore, apiId: string, input: CreateRouteInput): RouteRecord => {
  const state = store.get(apiId);
  const routeKey = validateRouteKey(input.RouteKey);
  assertUniqueKey(state, routeKey);
  checkAuthorization(input.AuthorizationType);
  let routeId = randomId(7);
  while (state.routes[routeId]) routeId = randomId(7);
  const route: RouteRecord = {
    RouteId: routeId,
    RouteKey: routeKey,
    ...(input.Target !== undefined ? { Target: checkTarget(state, input.Target) } : {}),
    AuthorizationType: 'NONE',
  };
  state.routes[routeId] = route;
  store.save();
  return route;
};
