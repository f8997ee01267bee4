/**
 * The CloudFormation resources that route every request of an HTTP API to a function, as a Lambda
 * proxy (payload 2.0): the integration and the `$default` route. The test stacks that build their
 * own small APIs share them.
 */
export function proxyRouteResources(
  prefix: string,
  apiLogicalId: string,
  functionLogicalId: string,
): Record<string, unknown> {
  return {
    [`${prefix}Integration`]: {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: apiLogicalId },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: { 'Fn::GetAtt': [functionLogicalId, 'Arn'] },
        PayloadFormatVersion: '2.0',
      },
    },
    [`${prefix}Route`]: {
      Type: 'AWS::ApiGatewayV2::Route',
      Properties: {
        ApiId: { Ref: apiLogicalId },
        RouteKey: '$default',
        Target: { 'Fn::Sub': `integrations/\${${prefix}Integration}` },
      },
    },
  };
}
