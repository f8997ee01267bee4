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
export type { CreateApiInput } from './operations/create-api.ts';
export type { CreateRouteInput } from './operations/create-route.ts';
export type { CreateIntegrationInput } from './operations/integration-rules.ts';
export type { CreateStageInput } from './operations/stage-rules.ts';
export type { UpdateApiInput } from './operations/update-api.ts';
export type { UpdateIntegrationInput } from './operations/update-integration.ts';
export type { UpdateRouteInput } from './operations/update-route.ts';
export type { UpdateStageInput } from './operations/update-stage.ts';
export { type Api, HttpApiService, type HttpApiServiceOptions } from './service.ts';
