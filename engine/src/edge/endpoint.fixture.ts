/** Boots an AwsEndpoint on port 0 with fake CloudFormation/Lambda, the real DynamoDB service, STS and a JSON test service. */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallerIdentity } from '../protocol/operation.ts';
import { defineOperation } from '../protocol/operation.ts';
import type { AuthorizationDecision, JsonServiceEntry } from '../protocol/service-entry.ts';
import { DEFAULT_ACCOUNT } from '../runtime/account.ts';
import { AwsError } from '../runtime/aws-error.ts';
import { RealClock } from '../runtime/clock.ts';
import { cloudFormationServiceEntry } from '../services/cloudformation/index.ts';
import { DynamoDbService, dynamoDbServiceEntry } from '../services/dynamodb/index.ts';
import { lambdaServiceEntry } from '../services/lambda/operation-table.ts';
import { stsServiceEntry } from '../services/sts/index.ts';
import { AwsEndpoint } from './aws-endpoint.ts';
import { FakeLambda, fakeStackReader } from './fakes.fixture.ts';
import { accessDeniedMessage } from './identity.ts';

export const ROLE_KEY = 'ASIAROLEKEY';
export const KNOWN_KEY = 'AKIAKNOWN';
export const KNOWN_SECRET = 'right-secret';
export const ROLE_ARN = 'arn:aws:iam::000000000000:role/processor-role';

/** A JSON 1.1 service (signing name `logs`) that exercises the json dispatch path. */
const echoService: JsonServiceEntry = {
  kind: 'json',
  protocol: { version: '1.1', targetPrefixes: ['Logs_20140328'], errorNamespace: 'com.amazonaws.logs' },
  iamPrefix: 'logs',
  operations: {
    DescribeLogGroups: defineOperation({
      input: {
        logGroupNamePrefix: { type: 'string', maxLength: 5 },
        limit: { type: 'integer', min: 1, max: 50 },
      },
      handle: (input) => {
        if (input.logGroupNamePrefix === 'none')
          throw new AwsError('ResourceNotFoundException', 'no such group', 400);
        return { logGroups: [{ logGroupName: `${input.logGroupNamePrefix ?? ''}group` }] };
      },
    }),
  },
};

export interface EndpointFixture {
  readonly url: string;
  readonly endpoint: AwsEndpoint;
  readonly lambda: FakeLambda;
  /** Every IAM check the edge asked for. */
  readonly checks: { action: string; resource: string }[];
  close(): Promise<void>;
}

/** Denies exactly the actions in `denied` for role callers. */
export async function startEndpoint(
  denied: ReadonlySet<string>,
  onInternalError?: (error: unknown) => void,
  maxBodyBytes?: number,
): Promise<EndpointFixture> {
  const lambda = new FakeLambda();
  const dataDir = mkdtempSync(join(tmpdir(), 'tapstack-edge-'));
  const dynamo = await DynamoDbService.open({ dataDir, clock: new RealClock(), account: DEFAULT_ACCOUNT });
  const checks: { action: string; resource: string }[] = [];
  const identify = (accessKeyId: string): CallerIdentity =>
    accessKeyId === ROLE_KEY
      ? { accessKeyId, kind: 'role', roleArn: ROLE_ARN, sessionName: 'request-processor' }
      : { accessKeyId, kind: 'root' };
  const authorize = (caller: CallerIdentity, action: string, resource: string): AuthorizationDecision => {
    checks.push({ action, resource });
    return denied.has(action)
      ? { allowed: false, message: accessDeniedMessage(caller, DEFAULT_ACCOUNT, action, resource) }
      : { allowed: true };
  };
  const endpoint = new AwsEndpoint({
    port: 0,
    services: {
      cloudformation: cloudFormationServiceEntry(fakeStackReader),
      lambda: lambdaServiceEntry(lambda),
      dynamodb: dynamoDbServiceEntry((operation, input) => dynamo.runParsed(operation, input)),
      sts: stsServiceEntry(),
      logs: echoService,
    },
    identify,
    authorize,
    secretFor: (key) => (key === KNOWN_KEY ? KNOWN_SECRET : undefined),
    ...(onInternalError ? { onInternalError } : {}),
    ...(maxBodyBytes === undefined ? {} : { maxBodyBytes }),
  });
  const { url } = await endpoint.start();
  return {
    url,
    endpoint,
    lambda,
    checks,
    close: async () => {
      await endpoint.close();
      await dynamo.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A syntactically valid SigV4 header for an unknown key: parsed, never verified. */
export function fakeAuth(service: string, accessKeyId = 'test'): Record<string, string> {
  return {
    authorization: `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20261125/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd`,
    'x-amz-date': '20261125T120000Z',
  };
}
