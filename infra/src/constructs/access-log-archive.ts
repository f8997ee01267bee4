import { Aws, Duration, Fn, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnDeliveryStream } from 'aws-cdk-lib/aws-kinesisfirehose';
import { CfnLogGroup, CfnSubscriptionFilter } from 'aws-cdk-lib/aws-logs';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { pinLogicalId } from './default-resource.ts';

/** S3 key prefix of archived access-log objects (Firehose writes here). */
export const ACCESS_LOG_PREFIX = 'access-logs/!{timestamp:yyyy/MM/dd}/';
/** Where Firehose puts records it could not process, split by error type. */
export const ACCESS_LOG_ERROR_PREFIX =
  'access-logs-errors/!{firehose:error-output-type}/!{timestamp:yyyy/MM/dd}/';

/**
 * One JSON object per request. `requestId` is mandatory for HTTP API access logs; `ip` is only a key
 * name (the variable is `$context.identity.sourceIp`). Numbers stay strings because unavailable
 * values are logged as `-`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const ACCESS_LOG_FORMAT: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  requestTimeEpoch: '$context.requestTimeEpoch',
  httpMethod: '$context.httpMethod',
  routeKey: '$context.routeKey',
  path: '$context.path',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  // The Lambda invocation's request id: the id its START/REPORT lines and JSON log lines carry,
  // which links this line (and the stored request, by requestId) to the function's log lines.
  integrationRequestId: '$context.integration.requestId',
  userAgent: '$context.identity.userAgent',
};

/** Retention knobs, usually `CfnParameter.valueAsNumber` tokens. */
export interface AccessLogArchiveProps {
  /** Days before current object versions expire in the bucket. */
  readonly archiveRetentionDays: number;
  /** Days CloudWatch Logs keeps the access log group. */
  readonly accessLogRetentionDays: number;
}

/**
 * The archive: HTTP API stages can only log to CloudWatch Logs, so access logs go to a log group,
 * a subscription filter streams every event to Firehose, and Firehose (decompression plus
 * CloudWatch Logs message extraction, no Lambda) writes newline-delimited JSON to the bucket.
 * The same bucket holds request bodies the function archives under `request-bodies/`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
 * @see https://docs.aws.amazon.com/firehose/latest/dev/Message_extraction.html
 */
export class AccessLogArchive extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly accessLogGroup: CfnLogGroup;
  readonly accessLogGroupArn: string;
  readonly deliveryStream: CfnDeliveryStream;

  constructor(scope: Construct, id: string, props: AccessLogArchiveProps) {
    super(scope, id);
    this.bucket = this.createBucket(props.archiveRetentionDays);
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;

    this.accessLogGroup = new CfnLogGroup(this, 'AccessLogGroup', {
      retentionInDays: props.accessLogRetentionDays,
    });
    this.accessLogGroup.overrideLogicalId('AccessLogGroup');
    this.accessLogGroupArn = this.accessLogGroup.attrArn;

    this.deliveryStream = this.createDeliveryStream();
    this.subscribe();
  }

  private createBucket(retentionDays: number): Bucket {
    // No BucketName: stack names may contain capitals, which bucket names may not.
    const bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      // The archive is data: deleting or replacing the stack must not delete it.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          // On a versioned bucket expiration only adds a delete marker; noncurrent versions must
          // expire too or nothing is ever deleted. A week keeps overwrites recoverable.
          id: 'ExpireArchive',
          expiration: Duration.days(retentionDays),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'RemoveExpiredDeleteMarkers', expiredObjectDeleteMarker: true },
      ],
    });
    pinLogicalId(bucket, 'ApiLoggingBucket');
    if (bucket.policy) pinLogicalId(bucket.policy, 'ApiLoggingBucketPolicy');
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This bucket is the log archive itself; logging its access would need a second log bucket (and that one a third). Data events can be enabled in CloudTrail if required.',
    });
    return bucket;
  }

  private createDeliveryStream(): CfnDeliveryStream {
    const objects = `${this.bucketArn}/access-logs*`;
    const role = new Role(this, 'DeliveryRole', {
      description: 'Lets Firehose write access logs to the archive bucket',
      assumedBy: new ServicePrincipal('firehose.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': Aws.ACCOUNT_ID } },
      }),
      inlinePolicies: {
        ArchiveAccessLogs: new PolicyDocument({
          statements: [
            // The action set AWS documents for an S3 destination, narrowed to our prefixes.
            new PolicyStatement({
              actions: ['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject'],
              resources: [objects],
            }),
            new PolicyStatement({
              actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
              resources: [this.bucketArn],
            }),
          ],
        }),
      },
    });
    pinLogicalId(role, 'AccessLogDeliveryRole');
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::<ApiLoggingBucket.Arn>/access-logs*]',
      reason:
        'Firehose names objects itself (date prefix + random suffix); the wildcard covers only the access-logs/ and access-logs-errors/ prefixes of the archive bucket.',
    });

    const stream = new CfnDeliveryStream(this, 'DeliveryStream', {
      deliveryStreamType: 'DirectPut',
      deliveryStreamEncryptionConfigurationInput: { keyType: 'AWS_OWNED_CMK' },
      extendedS3DestinationConfiguration: {
        bucketArn: this.bucketArn,
        roleArn: role.roleArn,
        prefix: ACCESS_LOG_PREFIX,
        errorOutputPrefix: ACCESS_LOG_ERROR_PREFIX,
        bufferingHints: { intervalInSeconds: 60, sizeInMBs: 5 },
        // Newline-delimited JSON stays greppable and Athena-readable; objects are small.
        compressionFormat: 'UNCOMPRESSED',
        processingConfiguration: {
          enabled: true,
          processors: [
            {
              type: 'Decompression',
              parameters: [{ parameterName: 'CompressionFormat', parameterValue: 'GZIP' }],
            },
            {
              type: 'CloudWatchLogProcessing',
              parameters: [{ parameterName: 'DataMessageExtraction', parameterValue: 'true' }],
            },
          ],
        },
      },
    });
    stream.overrideLogicalId('AccessLogDeliveryStream');
    return stream;
  }

  private subscribe(): void {
    const role = new Role(this, 'SubscriptionRole', {
      description: 'Lets CloudWatch Logs forward access log events to Firehose',
      assumedBy: new ServicePrincipal('logs.amazonaws.com', {
        conditions: {
          StringLike: {
            'aws:SourceArn': Fn.sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:*'),
          },
        },
      }),
      inlinePolicies: {
        ForwardToFirehose: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: ['firehose:PutRecord', 'firehose:PutRecordBatch'],
              resources: [this.deliveryStream.attrArn],
            }),
          ],
        }),
      },
    });
    pinLogicalId(role, 'AccessLogSubscriptionRole');
    const subscription = new CfnSubscriptionFilter(this, 'Subscription', {
      logGroupName: this.accessLogGroup.ref,
      filterPattern: '',
      destinationArn: this.deliveryStream.attrArn,
      roleArn: role.roleArn,
    });
    subscription.overrideLogicalId('AccessLogSubscription');
  }
}
