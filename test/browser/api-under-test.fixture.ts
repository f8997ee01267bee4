// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CorsConfiguration, Engine } from '../../engine/src/index.ts';
import { proxyRouteResources } from '../support/proxy-route.fixture.ts';
import { API_HOST } from './browser.fixture.ts';

/**
 * The HTTP API the browser suite talks to, behind ONE factory so the tests do not depend on how it
 * is built. This implementation: a whole local cloud deploying a stack shaped like TapStack's API
 * (one `$default` route, Lambda proxy 2.0, `$default` stage with an access log) whose inline
 * function answers like functions/request-processor does and logs what it saw of each request.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html
 */
export interface ApiUnderTestOptions {
  /** The API's CorsConfiguration; `undefined` = the API has none. */
  readonly cors: CorsConfiguration | undefined;
}

/** What the function saw of one invocation (names only, as the stack's DynamoDB item keeps them). */
export interface Invocation {
  readonly method: string;
  readonly path: string;
  /** Lower-case request header names (without `cookie`, which payload 2.0 moves to `cookies`). */
  readonly headerNames: readonly string[];
  readonly cookieNames: readonly string[];
}

/** One request the API answered, as its access log line records it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export interface ApiUnderTest {
  /** `http://127.0.0.1:<port>`, the `$default` stage's base URL (no trailing slash). */
  readonly url: string;
  /** Function invocations so far, oldest first. */
  invocations(): Promise<readonly Invocation[]>;
  /** Every request the API answered (preflights included), oldest first, from its access log. */
  requests(): Promise<readonly SeenRequest[]>;
  close(): Promise<void>;
}

/** The body the function answers with, as functions/request-processor does on success. */
export const SUCCESS_MESSAGE = 'Request processed successfully';

const ACCESS_LOG_GROUP = 'browser-suite-access-logs';
const FUNCTION_NAME = 'browser-suite-function';
// The stack's access-log format, reduced to the fields the suite reads.
const ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","httpMethod":"$context.httpMethod","path":"$context.path","status":"$context.status"}';
/** Marks the function's log line that records one invocation. */
const INVOCATION_MARK = 'INVOCATION ';

/** Logs what it saw (names only) and answers 200 JSON without any CORS header of its own. */
const FUNCTION_CODE = `exports.handler = async (event) => {
  console.log(${JSON.stringify(INVOCATION_MARK)} + JSON.stringify({
    method: event.requestContext.http.method,
    path: event.rawPath,
    headerNames: Object.keys(event.headers || {}),
    cookieNames: (event.cookies || []).map((c) => c.split('=')[0].trim()),
  }));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: ${JSON.stringify(SUCCESS_MESSAGE)}, requestId: event.requestContext.requestId, timestamp: new Date().toISOString() }),
  };
};`;

function template(cors: CorsConfiguration | undefined): string {
  return JSON.stringify({
    Resources: {
      Role: {
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
      Function: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: FUNCTION_NAME,
          Runtime: 'nodejs22.x',
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
          Code: { ZipFile: FUNCTION_CODE },
        },
      },
      AccessLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: ACCESS_LOG_GROUP } },
      Api: {
        Type: 'AWS::ApiGatewayV2::Api',
        Properties: {
          Name: 'browser-suite',
          ProtocolType: 'HTTP',
          ...(cors ? { CorsConfiguration: cors } : {}),
        },
      },
      ...proxyRouteResources('', 'Api', 'Function'),
      Stage: {
        Type: 'AWS::ApiGatewayV2::Stage',
        Properties: {
          ApiId: { Ref: 'Api' },
          StageName: '$default',
          AutoDeploy: true,
          AccessLogSettings: {
            DestinationArn: { 'Fn::GetAtt': ['AccessLogs', 'Arn'] },
            Format: ACCESS_LOG_FORMAT,
          },
        },
      },
      Permission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: 'Function' },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {
            'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*',
          },
        },
      },
    },
    Outputs: { Url: { Value: { 'Fn::GetAtt': ['Api', 'ApiEndpoint'] } } },
  });
}

/** Starts one HTTP API with the given CORS configuration; `close()` frees its ports and data dir. */
export const startApiUnderTest = async (options: ApiUnderTestOptions): Promise<ApiUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'browser-api-'));
  // The suite reaches the API under a same-site name too, allowed as `--allow-host` does.
  const engine = await Engine.start({
    dataDir,
    port: 0,
    apiBasePort: 0,
    allowHosts: [API_HOST],
    onWarning: () => {},
  });
  const close = async (): Promise<void> => {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deployed = await engine.deploy({
      stackName: 'browser-suite',
      templateBody: template(options.cors),
    });
    const url = deployed.stack.outputs.find((o) => o.outputKey === 'Url')?.outputValue;
    if (!url)
      throw new Error(`the browser suite's stack has no Url output (status ${deployed.stack.status})`);
    const lines = async (group: string): Promise<string[]> => {
      if (!engine.services.logs.hasLogGroup(group)) return [];
      const events = await engine.services.logs.filterLogEvents({ logGroupName: group });
      return events
        .sort((a, b) => a.timestamp - b.timestamp || a.ingestionTime - b.ingestionTime)
        .map((e) => e.message);
    };
    return {
      url: url.replace(/\/$/, ''),
      invocations: async () =>
        (await lines(`/aws/lambda/${FUNCTION_NAME}`))
          .filter((line) => line.includes(INVOCATION_MARK))
          .map(
            (line) =>
              JSON.parse(line.slice(line.indexOf(INVOCATION_MARK) + INVOCATION_MARK.length)) as Invocation,
          ),
      requests: async () => (await lines(ACCESS_LOG_GROUP)).map(parseAccessLogLine),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
};

/** Reads one access-log line written with the stack's JSON format (keys httpMethod, path, status). */
export const parseAccessLogLine = (line: string): SeenRequest => {
  const fields = JSON.parse(line) as Record<string, string>;
  return {
    method: fields.httpMethod ?? '',
    path: fields.path ?? '',
    status: Number(fields.status),
  };
};
