/** The HTTP API (API Gateway v2) service's public surface. */
export type { CreateApiInput, UpdateApiInput } from './api-operations.ts';
export { type Api, HttpApiService, type HttpApiServiceOptions } from './http-api-service.ts';
export type { CreateIntegrationInput, UpdateIntegrationInput } from './integration-operations.ts';
export type { LambdaInvoker } from './invoke-integration.ts';
export type { CreateRouteInput, UpdateRouteInput } from './route-operations.ts';
export type { CreateStageInput, UpdateStageInput } from './stage-operations.ts';
export type {
  AccessLogSettings,
  ApiRecord,
  CorsConfiguration,
  IntegrationRecord,
  RouteRecord,
  RouteSettings,
  StageRecord,
} from './types.ts';
