import type { RouteRecord } from '../model.ts';
import type { HttpApiStore } from '../store.ts';
import { validateRouteKey } from '../validation.ts';
import { assertUniqueKey, checkAuthorization, checkTarget, getRoute } from './route-rules.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html#apis-apiid-routes-routeid-http-methods */
export interface UpdateRouteInput {
  readonly RouteKey?: string;
  /** `null` detaches the integration. */
  readonly Target?: string | null;
  readonly AuthorizationType?: string;
}

export const updateRoute = (
  store: HttpApiStore,
  apiId: string,
  routeId: string,
  input: UpdateRouteInput,
): RouteRecord => {
  const state = store.get(apiId);
  const existing = getRoute(state, routeId);
  checkAuthorization(input.AuthorizationType);
  const routeKey = input.RouteKey === undefined ? existing.RouteKey : validateRouteKey(input.RouteKey);
  if (routeKey !== existing.RouteKey) assertUniqueKey(state, routeKey);
  const target = input.Target === undefined ? existing.Target : input.Target;
  const route: RouteRecord = {
    RouteId: routeId,
    RouteKey: routeKey,
    ...(target ? { Target: checkTarget(state, target) } : {}),
    AuthorizationType: 'NONE',
  };
  state.routes[routeId] = route;
  store.save();
  return route;
};
