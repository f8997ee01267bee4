import { Fn, Token, Validations } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnEventInvokeConfig, CfnFunction, Code } from 'aws-cdk-lib/aws-lambda';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { pinLogicalId } from './default-resource.ts';

/** Key prefix under which the function archives request bodies. */
export const BODY_PREFIX = 'request-bodies/';

/** What the function needs to know and may touch. */
export interface RequestProcessorProps {
  /** Bundled CommonJS source, inlined as `Code.ZipFile` (so the template needs no asset bucket). */
  readonly code: string;
  readonly tableName: string;
  readonly tableArn: string;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly deadLetterQueueArn: string;
  /** Days CloudWatch Logs keeps the function's log group. */
  readonly logRetentionDays: number;
  /** Days before a stored request expires; passed to the code as RETENTION_DAYS. */
  readonly requestRetentionDays: number;
}

/**
 * The request-processing function (Node.js 22 on arm64, inline code) with its own log group,
 * a least-privilege role and explicit asynchronous-invoke settings.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
 */
export class RequestProcessor extends Construct {
  readonly function: CfnFunction;
  /** `Ref` of the function: its name. */
  readonly functionName: string;
  readonly functionArn: string;
  readonly logGroup: CfnLogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: RequestProcessorProps) {
    super(scope, id);
    // Created explicitly (not via logRetention) so no custom resource is needed to set retention.
    this.logGroup = new CfnLogGroup(this, 'LogGroup', {
      logGroupName: Fn.sub('/aws/lambda/${AWS::StackName}-request-processor'),
      retentionInDays: props.logRetentionDays,
    });
    this.logGroup.overrideLogicalId('LambdaLogGroup');

    this.role = this.createRole(props);
    const inline = Code.fromInline(props.code).bind(this).inlineCode;
    this.function = new CfnFunction(this, 'Function', {
      functionName: Fn.sub('${AWS::StackName}-request-processor'),
      description: 'Stores each HTTP request (and the daily scheduled event) in DynamoDB',
      runtime: 'nodejs22.x',
      architectures: ['arm64'],
      handler: 'index.handler',
      code: { zipFile: inline },
      role: this.role.roleArn,
      // API Gateway waits at most 30 s for an integration, so a longer timeout buys nothing.
      timeout: 30,
      memorySize: 256,
      // No reserved concurrency: it would only carve capacity out of the account pool; the stage's
      // throttling parameters are the intended limit on load.
      environment: {
        variables: {
          DYNAMODB_TABLE_NAME: props.tableName,
          ARCHIVE_BUCKET_NAME: props.bucketName,
          BODY_PREFIX,
          RETENTION_DAYS: Token.asString(props.requestRetentionDays),
        },
      },
      deadLetterConfig: { targetArn: props.deadLetterQueueArn },
      // Referencing the log group also orders it before the function, so Lambda never creates it.
      loggingConfig: { logFormat: 'JSON', logGroup: this.logGroup.ref },
    });
    this.function.overrideLogicalId('RequestProcessorLambda');
    this.functionName = this.function.ref;
    this.functionArn = this.function.attrArn;

    // The DLQ only sees asynchronous (scheduled) invocations; API Gateway invokes synchronously.
    const invokeConfig = new CfnEventInvokeConfig(this, 'EventInvokeConfig', {
      functionName: this.function.ref,
      qualifier: '$LATEST',
      maximumRetryAttempts: 2,
      maximumEventAgeInSeconds: 3600,
    });
    invokeConfig.overrideLogicalId('RequestProcessorEventInvokeConfig');
    Validations.of(invokeConfig).acknowledge({
      id: 'Serverless-LambdaAsyncFailureDestination',
      reason:
        'Failed asynchronous invocations already go to the DeadLetterConfig queue; an OnFailure destination as well would deliver each failure twice.',
    });
    this.suppressFindings();
  }

  private createRole(props: RequestProcessorProps): Role {
    // No AWSLambdaBasicExecutionRole: it grants log writes on every log group in the account.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      inlinePolicies: {
        RequestProcessor: new PolicyDocument({
          statements: [
            // The code only calls PutItem (with a condition); the seed also granted reads and deletes.
            new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.tableArn] }),
            new PolicyStatement({
              // DeleteObject only takes back a body whose item failed, so nothing is left half-written.
              actions: ['s3:PutObject', 's3:DeleteObject'],
              resources: [`${props.bucketArn}/${BODY_PREFIX}*`],
            }),
            new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueueArn] }),
            // A log group's Arn attribute ends in ":*", which covers its log streams and nothing else.
            new PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [this.logGroup.attrArn],
            }),
          ],
        }),
      },
    });
    pinLogicalId(role, 'RequestProcessorLambdaRole');
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<ApiLoggingBucket.Arn>/${BODY_PREFIX}*]`,
      reason:
        'Object keys are generated per request; the wildcard is limited to the request-bodies/ prefix of the archive bucket, to s3:PutObject, and to s3:DeleteObject for a body whose item could not be written.',
    });
    return role;
  }

  private suppressFindings(): void {
    Validations.of(this.function).acknowledge(
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is supported until 2027-04-30 and is the runtime the bundle targets (esbuild target node22) and the local engine runs; moving to nodejs24.x is a planned, tested change.',
      },
      {
        id: 'Serverless-LambdaTracing',
        reason:
          'X-Ray would need xray:PutTraceSegments on "*" and per-trace cost for a single-hop function; requests are correlated by the API requestId in access logs and the JSON function logs.',
      },
      {
        id: 'Serverless-LambdaLatestVersion',
        reason:
          'nodejs22.x is supported until 2027-04-30 and is the runtime the bundle targets (esbuild target node22); moving to nodejs24.x is a planned, tested change.',
      },
    );
  }
}
