/**
 * A child process for durability-test: opens a DynamoDbService on the directory given as argv[2],
 * ensures table `Durable` exists, serves the wire protocol on 127.0.0.1 and prints `READY <port>`.
 * The test then writes through it and kills it with SIGKILL mid-stream.
 */
import type { AddressInfo } from 'node:net';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { RealClock } from '../../runtime/clock.ts';
import { DynamoDbError } from './errors.ts';
import { dynamoDbTestServer } from './http-server.fixture.ts';
import { DynamoDbService } from './service.ts';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: durability.fixture.ts <dataDir>');
const service = await DynamoDbService.open({ dataDir, clock: new RealClock(), account: DEFAULT_ACCOUNT });
try {
  await service.createTable({
    TableName: 'Durable',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
} catch (error) {
  if (!(error instanceof DynamoDbError && error.code === 'ResourceInUseException')) throw error;
}
await service.waitUntilActive('Durable');
const server = dynamoDbTestServer(service);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
});
