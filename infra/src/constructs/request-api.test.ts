import { Capture } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthTapStack } from '../tap-stack.fixture.ts';
import { ACCESS_LOG_FORMAT } from './access-log-archive.ts';

const { template } = synthTapStack();

describe('RequestApi', () => {
  it('is an HTTP API with the seed CORS configuration', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: { 'Fn::Sub': '${AWS::StackName}-http-api' },
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: ['*'],
        AllowMethods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
        AllowHeaders: ['Content-Type', 'X-Amz-Date', 'Authorization', 'X-Api-Key', 'X-Amz-Security-Token'],
        MaxAge: 86400,
      },
    });
  });

  it('proxies every route to the function with payload 2.0, partition-neutral', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: { Ref: 'HttpApi' },
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
      IntegrationUri: {
        'Fn::Sub': [
          'arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${FunctionArn}/invocations',
          { FunctionArn: { 'Fn::GetAtt': ['RequestProcessorLambda', 'Arn'] } },
        ],
      },
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: { Ref: 'HttpApi' },
      RouteKey: '$default',
      Target: {
        'Fn::Sub': ['integrations/${IntegrationId}', { IntegrationId: { Ref: 'HttpApiIntegration' } }],
      },
    });
  });

  it('auto-deploys a $default stage throttled by the stack parameters', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: { Ref: 'ThrottlingRateLimit' },
        ThrottlingBurstLimit: { Ref: 'ThrottlingBurstLimit' },
      },
    });
  });

  it('writes one JSON access log line per request to the access log group', () => {
    const format = new Capture();
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': ['AccessLogGroup', 'Arn'] }, Format: format },
    });
    const fields = JSON.parse(format.asString()) as Record<string, string>;
    expect(fields).toEqual(ACCESS_LOG_FORMAT);
    expect(fields).toMatchObject({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      status: '$context.status',
      integrationError: '$context.integrationErrorMessage',
      userAgent: '$context.identity.userAgent',
    });
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining([
        'requestTime',
        'requestTimeEpoch',
        'httpMethod',
        'routeKey',
        'path',
        'protocol',
        'responseLength',
        'responseLatency',
        'integrationLatency',
        'integrationStatus',
      ]),
    );
  });

  it('lets only this API invoke the function, in any partition', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: 'RequestProcessorLambda' },
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: {
        'Fn::Sub': [
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${ApiId}/*',
          { ApiId: { Ref: 'HttpApi' } },
        ],
      },
    });
  });
});
