import type {
  CorsConfiguration,
  IntegrationRecord,
  RouteRecord,
  RouteSettings,
  StageRecord,
} from '../model.ts';
import type { Api } from '../service.ts';

/**
 * The API Gateway v2 REST-JSON shapes (lowerCamelCase members), from the resource pages of
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis.html and its sub-resources.
 * Absent members are left out, as AWS leaves them out.
 */
const defined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

const corsView = (cors: CorsConfiguration) =>
  defined({
    allowCredentials: cors.AllowCredentials,
    allowHeaders: cors.AllowHeaders,
    allowMethods: cors.AllowMethods,
    allowOrigins: cors.AllowOrigins,
    exposeHeaders: cors.ExposeHeaders,
    maxAge: cors.MaxAge,
  });

export const apiView = (api: Api) =>
  defined({
    apiEndpoint: api.ApiEndpoint,
    apiId: api.ApiId,
    apiKeySelectionExpression: '$request.header.x-api-key',
    corsConfiguration: api.CorsConfiguration ? corsView(api.CorsConfiguration) : undefined,
    createdDate: api.CreatedDate,
    description: api.Description,
    disableExecuteApiEndpoint: false,
    name: api.Name,
    protocolType: api.ProtocolType,
    routeSelectionExpression: '$request.method $request.path',
    tags: api.Tags,
  });

const routeSettingsView = (settings: RouteSettings) =>
  defined({
    detailedMetricsEnabled: settings.DetailedMetricsEnabled ?? false,
    throttlingBurstLimit: settings.ThrottlingBurstLimit,
    throttlingRateLimit: settings.ThrottlingRateLimit,
  });

export const stageView = (stage: StageRecord) =>
  defined({
    accessLogSettings: stage.AccessLogSettings
      ? { destinationArn: stage.AccessLogSettings.DestinationArn, format: stage.AccessLogSettings.Format }
      : undefined,
    autoDeploy: stage.AutoDeploy,
    createdDate: stage.CreatedDate,
    defaultRouteSettings: routeSettingsView(stage.DefaultRouteSettings ?? {}),
    lastUpdatedDate: stage.LastUpdatedDate,
    routeSettings: Object.fromEntries(
      Object.entries(stage.RouteSettings).map(([key, settings]) => [key, routeSettingsView(settings)]),
    ),
    stageName: stage.StageName,
    stageVariables: stage.StageVariables,
    tags: stage.Tags,
  });

export const routeView = (route: RouteRecord) =>
  defined({
    apiKeyRequired: false,
    authorizationType: route.AuthorizationType,
    routeId: route.RouteId,
    routeKey: route.RouteKey,
    target: route.Target,
  });

export const integrationView = (integration: IntegrationRecord) =>
  defined({
    connectionType: 'INTERNET',
    integrationId: integration.IntegrationId,
    integrationMethod: 'POST',
    integrationType: integration.IntegrationType,
    integrationUri: integration.IntegrationUri,
    payloadFormatVersion: integration.PayloadFormatVersion,
    timeoutInMillis: integration.TimeoutInMillis,
  });
