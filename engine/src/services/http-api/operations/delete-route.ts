import type { HttpApiStore } from '../store.ts';
import { getRoute } from './route-rules.ts';

/** https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-routes-routeid.html#apis-apiid-routes-routeid-http-methods */
export const deleteRoute = (store: HttpApiStore, apiId: string, routeId: string): void => {
  const state = store.get(apiId);
  getRoute(state, routeId);
  delete state.routes[routeId];
  store.save();
};
