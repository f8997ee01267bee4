/**
 * The HTTP API (API Gateway v2) service: the control plane the CloudFormation providers call, one
 * local HTTP listener per API serving it with API Gateway's behaviour, and the management API's
 * read operations on the AWS endpoint.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html
 *
 * LIMITATIONS (what this does not emulate):
 * - HTTP APIs only (no WebSocket); Lambda proxy integrations with payload format 2.0 only.
 * - No authorizers, custom domains, API mappings, mTLS, deployments (every change is live, as
 *   with AutoDeploy), parameter mapping or response overrides; no request line/header size quota.
 * - The account-level throttle (10,000 rps, burst 5,000) is shared by the APIs of one service
 *   instance.
 * - The management API on the endpoint reads only (GetApis, GetApi, GetStages, GetRoutes,
 *   GetIntegrations); APIs are written by CloudFormation.
 * See AWS-FACTS.md for what each emulated behaviour rests on.
 */
export type { CreateApiInput, UpdateApiInput } from './api-operations.ts';
export type { CreateIntegrationInput, UpdateIntegrationInput } from './integration-operations.ts';
export type { LambdaInvoker } from './invoke-integration.ts';
export type {
  AccessLogSettings,
  ApiRecord,
  CorsConfiguration,
  IntegrationRecord,
  RouteRecord,
  RouteSettings,
  StageRecord,
} from './model.ts';
export { httpApiServiceEntry } from './operation-table.ts';
export type { CreateRouteInput, UpdateRouteInput } from './route-operations.ts';
export { type Api, HttpApiService, type HttpApiServiceOptions } from './service.ts';
export type { CreateStageInput, UpdateStageInput } from './stage-operations.ts';
