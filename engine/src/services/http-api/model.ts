/**
 * The HTTP API control-plane model, with AWS's PascalCase field names so CloudFormation properties
 * (`AWS::ApiGatewayV2::Api`, `::Route`, `::Integration`, `::Stage`) map onto it one to one.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/AWS_ApiGatewayV2.html
 */

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-api-cors.html */
export interface CorsConfiguration {
  readonly AllowOrigins?: readonly string[];
  readonly AllowMethods?: readonly string[];
  readonly AllowHeaders?: readonly string[];
  readonly ExposeHeaders?: readonly string[];
  readonly MaxAge?: number;
  readonly AllowCredentials?: boolean;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-stage-routesettings.html */
export interface RouteSettings {
  readonly ThrottlingRateLimit?: number;
  readonly ThrottlingBurstLimit?: number;
  readonly DetailedMetricsEnabled?: boolean;
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-apigatewayv2-stage-accesslogsettings.html */
export interface AccessLogSettings {
  /** A log group ARN: `arn:aws:logs:region:account:log-group:NAME` (optionally ending `:*`). */
  readonly DestinationArn: string;
  readonly Format: string;
}

export interface ApiRecord {
  readonly ApiId: string;
  readonly Name: string;
  readonly ProtocolType: 'HTTP';
  readonly Description?: string;
  readonly CorsConfiguration?: CorsConfiguration;
  readonly Tags: Readonly<Record<string, string>>;
  readonly CreatedDate: string;
}

export interface RouteRecord {
  readonly RouteId: string;
  readonly RouteKey: string;
  /** `integrations/<IntegrationId>`; a route without a target answers 500. */
  readonly Target?: string;
  readonly AuthorizationType: 'NONE';
}

export interface IntegrationRecord {
  readonly IntegrationId: string;
  readonly IntegrationType: 'AWS_PROXY';
  readonly IntegrationUri: string;
  /** The function ARN extracted from `IntegrationUri` (plain ARN or the apigateway invocations path). */
  readonly FunctionArn: string;
  readonly PayloadFormatVersion: '2.0';
  readonly TimeoutInMillis: number;
}

export interface StageRecord {
  readonly StageName: string;
  readonly AutoDeploy: boolean;
  readonly DefaultRouteSettings?: RouteSettings;
  readonly RouteSettings: Readonly<Record<string, RouteSettings>>;
  readonly AccessLogSettings?: AccessLogSettings;
  readonly StageVariables: Readonly<Record<string, string>>;
  readonly Tags: Readonly<Record<string, string>>;
  readonly CreatedDate: string;
  readonly LastUpdatedDate: string;
}

/** Everything the service persists about one API, including the local port its listener owns. */
export interface ApiState {
  api: ApiRecord;
  port?: number;
  /** Ports earlier runs served the API on: URLs resolved then (stored outputs) are mapped to the current one. */
  pastPorts?: number[];
  routes: Record<string, RouteRecord>;
  integrations: Record<string, IntegrationRecord>;
  stages: Record<string, StageRecord>;
}

export interface HttpApiStateDocument {
  apis: Record<string, ApiState>;
}
