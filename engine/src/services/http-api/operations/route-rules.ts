import { httpApiErrors } from './errors.ts';
import { randomId } from './ids.ts';
import type { ApiState, RouteRecord } from './model.ts';
import type { HttpApiStore } from './store.ts';
import { validateRouteKey } from './validation.ts';

/**
 * CreateRoute / UpdateRoute / DeleteRoute. Routes are live as soon as they exist (no deployments).
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html
 */
export interface CreateRouteInput {
  readonly RouteKey: string;
  /** `integrations/<IntegrationId>`. */
  readonly Target?: string;
  /** Only `NONE` is emulated. */
  readonly AuthorizationType?: string;
}

export interface UpdateRouteInput {
  readonly RouteKey?: string;
  /** `null` detaches the integration. */
  readonly Target?: string | null;
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

export const deleteRoute = (store: HttpApiStore, apiId: string, routeId: string): void => {
  const state = store.get(apiId);
  getRoute(state, routeId);
  delete state.routes[routeId];
  store.save();
};

export const getRoute = (state: ApiState, routeId: string): RouteRecord => {
  const route = state.routes[routeId];
  if (!route) throw httpApiErrors.notFound(`Invalid Route identifier specified ${routeId}`);
  return route;
};

const assertUniqueKey = (state: ApiState, routeKey: string): void => {
  if (Object.values(state.routes).some((r) => r.RouteKey === routeKey)) {
    throw httpApiErrors.conflict(`Unable to create route ${routeKey}. The route already exists`);
  }
};

const checkTarget = (state: ApiState, target: string): string => {
  const match = /^integrations\/([a-z0-9]+)$/.exec(target);
  if (!match) throw httpApiErrors.badRequest(`Target '${target}' must be 'integrations/<IntegrationId>'`);
  if (!state.integrations[match[1] as string]) {
    throw httpApiErrors.badRequest(`Target '${target}' names an integration that does not exist`);
  }
  return target;
};

const checkAuthorization = (type: string | undefined): void => {
  if (type !== undefined && type !== 'NONE') {
    throw httpApiErrors.badRequest(`AuthorizationType '${type}' is not emulated: only NONE`);
  }
};
