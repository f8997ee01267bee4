import { Fn, Validations } from 'aws-cdk-lib';
import { CfnApi, CfnIntegration, CfnRoute, CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { CfnPermission } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ACCESS_LOG_FORMAT } from './access-log-archive.ts';

/** What the API routes to and logs into. */
export interface RequestApiProps {
  readonly functionName: string;
  readonly functionArn: string;
  /** The log group receiving access logs (HTTP APIs support CloudWatch Logs only). */
  readonly accessLogGroupArn: string;
  /** Steady-state requests per second for every route (stage default). */
  readonly throttlingRateLimit: number;
  readonly throttlingBurstLimit: number;
}

/**
 * The public HTTP API: one `$default` route proxying every method and path to the function
 * (payload 2.0), CORS answered by API Gateway, a throttled auto-deploying `$default` stage with
 * JSON access logs.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api.html
 */
export class RequestApi extends Construct {
  readonly api: CfnApi;
  readonly stage: CfnStage;
  /** `Ref` of the API: its id (the CloudWatch `ApiId` dimension). */
  readonly apiId: string;
  /** `https://{id}.execute-api.{region}.{partition suffix}` from the API itself. */
  readonly apiEndpoint: string;

  constructor(scope: Construct, id: string, props: RequestApiProps) {
    super(scope, id);
    this.api = new CfnApi(this, 'Api', {
      name: Fn.sub('${AWS::StackName}-http-api'),
      protocolType: 'HTTP',
      corsConfiguration: {
        allowOrigins: ['*'],
        allowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        allowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token'],
        maxAge: 86400,
      },
    });
    this.api.overrideLogicalId('HttpApi');
    this.apiId = this.api.ref;
    this.apiEndpoint = this.api.attrApiEndpoint;

    const integration = new CfnIntegration(this, 'Integration', {
      apiId: this.apiId,
      integrationType: 'AWS_PROXY',
      integrationUri: Fn.sub(
        'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations',
        { FunctionArn: props.functionArn },
      ),
      payloadFormatVersion: '2.0',
    });
    integration.overrideLogicalId('HttpApiIntegration');

    const route = new CfnRoute(this, 'Route', {
      apiId: this.apiId,
      routeKey: '$default',
      target: Fn.sub('integrations/${IntegrationId}', { IntegrationId: integration.ref }),
    });
    route.overrideLogicalId('HttpApiRoute');
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'A public, unauthenticated ingest endpoint is the product; abuse is bounded by stage throttling.',
    });

    this.stage = new CfnStage(this, 'Stage', {
      apiId: this.apiId,
      stageName: '$default',
      autoDeploy: true,
      defaultRouteSettings: {
        throttlingRateLimit: props.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit,
      },
      accessLogSettings: {
        destinationArn: props.accessLogGroupArn,
        format: JSON.stringify(ACCESS_LOG_FORMAT),
      },
    });
    this.stage.overrideLogicalId('HttpApiStage');

    const permission = new CfnPermission(this, 'InvokePermission', {
      functionName: props.functionName,
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
      sourceArn: Fn.sub('arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiId}/*', {
        ApiId: this.apiId,
      }),
    });
    permission.overrideLogicalId('LambdaApiGatewayPermission');
  }
}
