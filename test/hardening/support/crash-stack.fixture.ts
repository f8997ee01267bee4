/**
 * A small stack of its own for fault tests: one inline function behind an HTTP API `$default`
 * route, whose path picks how it misbehaves (exit the process, run out of memory, loop forever,
 * throw), and which answers normally otherwise.
 */
import { proxyRouteResources } from '../../support/proxy-route.fixture.ts';

export const CRASH_STACK = 'hardening-crash';
export const CRASH_FUNCTION = 'hardening-crash-fn';

const HANDLER = `
exports.handler = async (event) => {
  const path = event.rawPath;
  if (path === '/exit') process.exit(3);
  if (path === '/oom') {
    const hoard = [];
    for (;;) hoard.push(new Array(1000000).fill(Math.random()));
  }
  if (path === '/loop') for (;;) {}
  if (path === '/throw') {
    throw new Error('boom at arn:aws:iam::000000000000:role/secret-role in /var/task/index.js');
  }
  if (path === '/bad-shape') return { statusCode: 'teapot' };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ok: true, path }) };
};
`;

export function crashStackTemplate(): Record<string, unknown> {
  return {
    Resources: {
      CrashRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
            ],
          },
        },
      },
      CrashFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: CRASH_FUNCTION,
          Code: { ZipFile: HANDLER },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          MemorySize: 128,
          Timeout: 1,
          Role: { 'Fn::GetAtt': ['CrashRole', 'Arn'] },
        },
        DependsOn: ['CrashLogGroup'],
      },
      // The engine fails an invocation whose log group is missing (AWS would create it or drop the
      // lines), so the stack declares it, as CDK stacks usually do.
      CrashLogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: `/aws/lambda/${CRASH_FUNCTION}`, RetentionInDays: 1 },
      },
      CrashApi: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'crash-api', ProtocolType: 'HTTP' } },
      ...proxyRouteResources('Crash', 'CrashApi', 'CrashFunction'),
      CrashStage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: { ApiId: { Ref: 'CrashApi' }, StageName: '$default', AutoDeploy: true },
      },
      CrashPermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'CrashFunction' },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
            'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${CrashApi}/*',
          },
        },
      },
    },
    Outputs: {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: CloudFormation Fn::Sub syntax
      Url: { Value: { 'Fn::Sub': 'https://${CrashApi}.execute-api.${AWS::Region}.amazonaws.com/' } },
    },
  };
}
