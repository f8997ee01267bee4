import { httpApiErrors } from '../errors.ts';
import type { ApiState, RouteRecord } from '../model.ts';

/**
 * What CreateRoute and UpdateRoute check. Routes are live as soon as they exist (no deployments).
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes.html
 */
export const getRoute = (state: ApiState, routeId: string): RouteRecord => {
  const route = state.routes[routeId];
  if (!route) throw httpApiErrors.notFound(`Invalid Route identifier specified ${routeId}`);
  return route;
};

export const assertUniqueKey = (state: ApiState, routeKey: string): void => {
  if (Object.values(state.routes).some((r) => r.RouteKey === routeKey)) {
    throw httpApiErrors.conflict(`Unable to create route ${routeKey}. The route already exists`);
  }
};

export const checkTarget = (state: ApiState, target: string): string => {
  const match = /^integrations\/([a-z0-9]+)$/.exec(target);
  if (!match) throw httpApiErrors.badRequest(`Target '${target}' must be 'integrations/<IntegrationId>'`);
  if (!state.integrations[match[1] as string]) {
    throw httpApiErrors.badRequest(`Target '${target}' names an integration that does not exist`);
  }
  return target;
};

export const checkAuthorization = (type: string | undefined): void => {
  if (type !== undefined && type !== 'NONE') {
    throw httpApiErrors.badRequest(`AuthorizationType '${type}' is not emulated: only NONE`);
  }
};
