import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { StoredData } from '../format/change-set.ts';

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'us-east-1',
  credentials: { accessKeyId: 'dev-loop', secretAccessKey: 'dev-loop' },
});

/**
 * Counts what a table, bucket or queue stores, through the same AWS API calls any client makes
 * (Scan with Select COUNT, ListObjectVersions, GetQueueAttributes). Undefined for other types or
 * when the resource cannot be read.
 */
export async function storedData(
  endpoint: string,
  type: string,
  physicalId: string,
): Promise<StoredData | undefined> {
  try {
    if (type === 'AWS::DynamoDB::Table') {
      const client = new DynamoDBClient(clientConfig(endpoint));
      let count = 0;
      for await (const page of paginateScan({ client }, { TableName: physicalId, Select: 'COUNT' }))
        count += page.Count ?? 0;
      client.destroy();
      return { count, noun: count === 1 ? 'item' : 'items', container: 'table' };
    }
    if (type === 'AWS::S3::Bucket') {
      // Loaded here: nothing else in the CLI needs the S3 client, so `tapstack up` does not load it.
      const { ListObjectVersionsCommand, S3Client } = await import('@aws-sdk/client-s3');
      const client = new S3Client({ ...clientConfig(endpoint), forcePathStyle: true });
      let count = 0;
      let markers: { KeyMarker?: string; VersionIdMarker?: string } = {};
      for (;;) {
        const page = await client.send(new ListObjectVersionsCommand({ Bucket: physicalId, ...markers }));
        count += (page.Versions?.length ?? 0) + (page.DeleteMarkers?.length ?? 0);
        if (!page.IsTruncated) break;
        markers = { KeyMarker: page.NextKeyMarker, VersionIdMarker: page.NextVersionIdMarker };
      }
      client.destroy();
      return { count, noun: count === 1 ? 'object version' : 'object versions', container: 'bucket' };
    }
    if (type === 'AWS::SQS::Queue') {
      const client = new SQSClient(clientConfig(endpoint));
      const url = physicalId.startsWith('http')
        ? physicalId
        : ((await client.send(new GetQueueUrlCommand({ QueueName: physicalId }))).QueueUrl ?? '');
      const out = await client.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
      );
      client.destroy();
      const count = Number(out.Attributes?.ApproximateNumberOfMessages ?? 0);
      return { count, noun: count === 1 ? 'message' : 'messages', container: 'queue' };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
