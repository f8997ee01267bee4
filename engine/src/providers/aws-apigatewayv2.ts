/**
 * Providers for the HTTP API resources (API Gateway v2), which all call the HTTP API service.
 * Numbers and booleans may arrive as strings (a `Ref` to a Number parameter is a string), so they
 * are read through the typed helpers rather than cast.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/AWS_ApiGatewayV2.html
 */
import type { CorsConfiguration, HttpApiService, RouteSettings } from '../services/http-api/index.ts';
import {
  optionalBoolean,
  optionalList,
  optionalNumber,
  optionalObject,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
  readTags,
  requireString,
} from './provider.ts';

type Props = Readonly<Record<string, unknown>>;

function readCors(ctx: ProviderContext, props: Props): CorsConfiguration | undefined {
  const cors = optionalObject(props, 'CorsConfiguration', ctx);
  if (!cors) return undefined;
  const list = (name: string) => optionalList(cors, name, ctx)?.map(String);
  const maxAge = optionalNumber(cors, 'MaxAge', ctx);
  const credentials = optionalBoolean(cors, 'AllowCredentials', ctx);
  const config: Record<string, unknown> = {};
  for (const name of ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'ExposeHeaders']) {
    const value = list(name);
    if (value) config[name] = value;
  }
  if (maxAge !== undefined) config.MaxAge = maxAge;
  if (credentials !== undefined) config.AllowCredentials = credentials;
  return config as CorsConfiguration;
}

export function apiProvider(httpApi: HttpApiService): ResourceProvider {
  const attributes = (apiId: string) => ({ ApiId: apiId, ApiEndpoint: httpApi.getApi(apiId).ApiEndpoint });
  return {
    type: 'AWS::ApiGatewayV2::Api',
    supportedProperties: ['Name', 'ProtocolType', 'Description', 'CorsConfiguration', 'Tags'],
    supportedAttributes: ['ApiId', 'ApiEndpoint'],
    replacementProperties: ['ProtocolType'],
    async create(ctx, props) {
      const cors = readCors(ctx, props);
      const description = optionalString(props, 'Description', ctx);
      const api = await httpApi.createApi({
        Name: requireString(props, 'Name', ctx),
        ProtocolType: requireString(props, 'ProtocolType', ctx),
        Tags: readTags(props, ctx),
        ...(cors ? { CorsConfiguration: cors } : {}),
        ...(description ? { Description: description } : {}),
      });
      return { physicalId: api.ApiId, attributes: attributes(api.ApiId) };
    },
    // The service names APIs itself: the one a create made is the newest of that name and protocol.
    async find(ctx, props) {
      const name = requireString(props, 'Name', ctx);
      const protocol = requireString(props, 'ProtocolType', ctx);
      const api = httpApi
        .listApis()
        .filter((a) => a.Name === name && a.ProtocolType === protocol)
        .at(-1);
      return api ? { physicalId: api.ApiId, attributes: attributes(api.ApiId) } : undefined;
    },
    async update(ctx, physicalId, props) {
      const description = optionalString(props, 'Description', ctx);
      httpApi.updateApi(physicalId, {
        Name: requireString(props, 'Name', ctx),
        CorsConfiguration: readCors(ctx, props) ?? null,
        Tags: readTags(props, ctx),
        ...(description ? { Description: description } : {}),
      });
      return { physicalId, attributes: attributes(physicalId) };
    },
    async delete(_ctx, physicalId) {
      if (httpApi.listApis().some((api) => api.ApiId === physicalId)) await httpApi.deleteApi(physicalId);
    },
  };
}

export function integrationProvider(httpApi: HttpApiService): ResourceProvider {
  const read = (ctx: ProviderContext, props: Props) => {
    const timeout = optionalNumber(props, 'TimeoutInMillis', ctx);
    const method = optionalString(props, 'IntegrationMethod', ctx);
    return {
      IntegrationType: requireString(props, 'IntegrationType', ctx),
      IntegrationUri: requireString(props, 'IntegrationUri', ctx),
      PayloadFormatVersion: requireString(props, 'PayloadFormatVersion', ctx),
      ...(timeout === undefined ? {} : { TimeoutInMillis: timeout }),
      ...(method ? { IntegrationMethod: method } : {}),
    };
  };
  return {
    type: 'AWS::ApiGatewayV2::Integration',
    supportedProperties: [
      'ApiId',
      'IntegrationType',
      'IntegrationUri',
      'PayloadFormatVersion',
      'TimeoutInMillis',
      'IntegrationMethod',
      'Description',
    ],
    supportedAttributes: [],
    replacementProperties: ['ApiId'],
    async create(ctx, props) {
      const integration = httpApi.createIntegration(requireString(props, 'ApiId', ctx), read(ctx, props));
      return { physicalId: integration.IntegrationId, attributes: {} };
    },
    async find(ctx, props) {
      const apiId = requireString(props, 'ApiId', ctx);
      if (!httpApi.listApis().some((api) => api.ApiId === apiId)) return undefined;
      const wanted = read(ctx, props);
      const found = httpApi
        .getIntegrations(apiId)
        .filter(
          (i) => i.IntegrationUri === wanted.IntegrationUri && i.IntegrationType === wanted.IntegrationType,
        )
        .at(-1);
      return found ? { physicalId: found.IntegrationId, attributes: {} } : undefined;
    },
    async update(ctx, physicalId, props) {
      httpApi.updateIntegration(requireString(props, 'ApiId', ctx), physicalId, read(ctx, props));
      return { physicalId, attributes: {} };
    },
    async delete(ctx, physicalId, props) {
      const apiId = requireString(props, 'ApiId', ctx);
      if (
        httpApi.listApis().some((api) => api.ApiId === apiId) &&
        httpApi.getIntegrations(apiId).some((i) => i.IntegrationId === physicalId)
      ) {
        httpApi.deleteIntegration(apiId, physicalId);
      }
    },
  };
}

export function routeProvider(httpApi: HttpApiService): ResourceProvider {
  return {
    type: 'AWS::ApiGatewayV2::Route',
    supportedProperties: ['ApiId', 'RouteKey', 'Target', 'AuthorizationType'],
    supportedAttributes: [],
    replacementProperties: ['ApiId'],
    async create(ctx, props) {
      const target = optionalString(props, 'Target', ctx);
      const authorization = optionalString(props, 'AuthorizationType', ctx);
      const route = httpApi.createRoute(requireString(props, 'ApiId', ctx), {
        RouteKey: requireString(props, 'RouteKey', ctx),
        ...(target ? { Target: target } : {}),
        ...(authorization ? { AuthorizationType: authorization } : {}),
      });
      return { physicalId: route.RouteId, attributes: {} };
    },
    // Route keys are unique within an API.
    async find(ctx, props) {
      const apiId = requireString(props, 'ApiId', ctx);
      if (!httpApi.listApis().some((api) => api.ApiId === apiId)) return undefined;
      const routeKey = requireString(props, 'RouteKey', ctx);
      const found = httpApi.getRoutes(apiId).find((r) => r.RouteKey === routeKey);
      return found ? { physicalId: found.RouteId, attributes: {} } : undefined;
    },
    async update(ctx, physicalId, props) {
      const authorization = optionalString(props, 'AuthorizationType', ctx);
      httpApi.updateRoute(requireString(props, 'ApiId', ctx), physicalId, {
        RouteKey: requireString(props, 'RouteKey', ctx),
        Target: optionalString(props, 'Target', ctx) ?? null,
        ...(authorization ? { AuthorizationType: authorization } : {}),
      });
      return { physicalId, attributes: {} };
    },
    async delete(ctx, physicalId, props) {
      const apiId = requireString(props, 'ApiId', ctx);
      if (
        httpApi.listApis().some((api) => api.ApiId === apiId) &&
        httpApi.getRoutes(apiId).some((r) => r.RouteId === physicalId)
      ) {
        httpApi.deleteRoute(apiId, physicalId);
      }
    },
  };
}

function readRouteSettings(
  ctx: ProviderContext,
  value: Props | undefined,
  path: string,
): RouteSettings | undefined {
  if (!value) return undefined;
  const unknown = Object.keys(value).find(
    (key) => !['ThrottlingRateLimit', 'ThrottlingBurstLimit', 'DetailedMetricsEnabled'].includes(key),
  );
  if (unknown)
    throw propertyError(
      ctx,
      `${path}.${unknown}`,
      'is not emulated for HTTP APIs (WebSocket-only or unknown)',
    );
  const rate = optionalNumber(value, 'ThrottlingRateLimit', ctx);
  const burst = optionalNumber(value, 'ThrottlingBurstLimit', ctx);
  const detailed = optionalBoolean(value, 'DetailedMetricsEnabled', ctx);
  return {
    ...(rate === undefined ? {} : { ThrottlingRateLimit: rate }),
    ...(burst === undefined ? {} : { ThrottlingBurstLimit: burst }),
    ...(detailed === undefined ? {} : { DetailedMetricsEnabled: detailed }),
  };
}

export function stageProvider(httpApi: HttpApiService): ResourceProvider {
  const read = (ctx: ProviderContext, props: Props) => {
    const autoDeploy = optionalBoolean(props, 'AutoDeploy', ctx);
    const defaults = readRouteSettings(
      ctx,
      optionalObject(props, 'DefaultRouteSettings', ctx),
      'DefaultRouteSettings',
    );
    const perRoute = optionalObject(props, 'RouteSettings', ctx);
    const accessLog = optionalObject(props, 'AccessLogSettings', ctx);
    const variables = optionalObject(props, 'StageVariables', ctx);
    return {
      ...(autoDeploy === undefined ? {} : { AutoDeploy: autoDeploy }),
      ...(defaults ? { DefaultRouteSettings: defaults } : {}),
      ...(perRoute
        ? {
            RouteSettings: Object.fromEntries(
              Object.entries(perRoute).map(([key, value]) => [
                key,
                readRouteSettings(ctx, value as Props, `RouteSettings.${key}`) ?? {},
              ]),
            ),
          }
        : {}),
      ...(accessLog
        ? {
            AccessLogSettings: {
              DestinationArn: requireString(accessLog, 'DestinationArn', ctx),
              Format: requireString(accessLog, 'Format', ctx),
            },
          }
        : {}),
      ...(variables
        ? { StageVariables: Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)])) }
        : {}),
      Tags: readTags(props, ctx),
    };
  };
  return {
    type: 'AWS::ApiGatewayV2::Stage',
    supportedProperties: [
      'ApiId',
      'StageName',
      'AutoDeploy',
      'DefaultRouteSettings',
      'RouteSettings',
      'AccessLogSettings',
      'StageVariables',
      'Tags',
      'Description',
    ],
    supportedAttributes: [],
    replacementProperties: ['ApiId', 'StageName'],
    async create(ctx, props) {
      const stageName = requireString(props, 'StageName', ctx);
      httpApi.createStage(requireString(props, 'ApiId', ctx), { StageName: stageName, ...read(ctx, props) });
      return { physicalId: stageName, attributes: {} };
    },
    async find(ctx, props) {
      const apiId = requireString(props, 'ApiId', ctx);
      const stageName = requireString(props, 'StageName', ctx);
      const exists =
        httpApi.listApis().some((api) => api.ApiId === apiId) &&
        httpApi.getStages(apiId).some((s) => s.StageName === stageName);
      return exists ? { physicalId: stageName, attributes: {} } : undefined;
    },
    async update(ctx, physicalId, props) {
      const input = read(ctx, props);
      httpApi.updateStage(requireString(props, 'ApiId', ctx), physicalId, {
        ...input,
        DefaultRouteSettings: input.DefaultRouteSettings ?? null,
        AccessLogSettings: input.AccessLogSettings ?? null,
      });
      return { physicalId, attributes: {} };
    },
    async delete(ctx, physicalId, props) {
      const apiId = requireString(props, 'ApiId', ctx);
      if (
        httpApi.listApis().some((api) => api.ApiId === apiId) &&
        httpApi.getStages(apiId).some((s) => s.StageName === physicalId)
      ) {
        httpApi.deleteStage(apiId, physicalId);
      }
    },
  };
}
