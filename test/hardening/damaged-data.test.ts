/**
 * A damaged data directory, driven through the CLI as a user would: one case per way the data
 * directory gets damaged. Each case asserts the exact refusal (the file, what is wrong, the
 * resource, the way out), that the refused start changed nothing, and, where `tapstack repair`
 * applies, that it brings the stack back serving with the item written before the damage.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DeleteTableCommand, DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, TABLE_NAME } from '../support/local-cloud.fixture.ts';
import { ensureCliBuilt, exited, type RunningCloud, runCli, startCliCloud } from './support/cli.fixture.ts';
import { tableSnapshot } from './support/table.fixture.ts';

const FUNCTION = 'serverless-infrastructure-request-processor';
const STACK = 'of stack serverless-infrastructure';

let scratch: string;
let pristine: string;
let keptId: string;

const client = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });

async function stop(cloud: RunningCloud): Promise<void> {
  cloud.child.kill('SIGTERM');
  await exited(cloud.child);
}

beforeAll(async () => {
  ensureCliBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'tapstack-damaged-'));
  pristine = join(scratch, 'pristine');
  // Two starts: the second opens LevelDB again, which moves the first run's log into a table file.
  const first = await startCliCloud(['--data-dir', pristine, '--port', '0', '--api-port', '0']);
  const posted = await postJson(first.apiUrl, { keep: 'me' });
  expect(posted.status).toBe(200);
  keptId = String(posted.json?.requestId);
  await stop(first);
  await stop(await startCliCloud(['--data-dir', pristine, '--port', '0', '--api-port', '0']));
}, 60_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const copy = (name: string): string => {
  const dir = join(scratch, name);
  cpSync(pristine, dir, { recursive: true });
  return dir;
};

/**
 * Every file's digest, LevelDB's own folder and the size samples aside (LevelDB rewrites its log on
 * every open, and the sampler writes while serving; their data is checked through the table).
 */
function digest(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (path: string): void => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      const rel = relative(dir, full);
      if (rel.startsWith(join('dynamodb', 'leveldb')) || rel === 'usage.json') continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.set(rel, createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const up = (dir: string) => runCli(['up', '--data-dir', dir, '--port', '0', '--api-port', '0']);

/** `up` refuses with `message`, exits 1, prints no READY, and leaves every file as it was. */
async function refused(dir: string, message: RegExp): Promise<string> {
  const before = digest(dir);
  const run = await up(dir);
  expect(run.timedOut).toBe(false);
  expect(run.code).toBe(1);
  expect(run.stdout).not.toMatch(/READY/);
  expect(run.stderr).toMatch(message);
  expect(digest(dir)).toEqual(before);
  return run.stderr;
}

/** `repair` succeeds, then `up` serves: the item written before the damage is there and a new POST lands. */
async function repairedAndServing(dir: string, expectRepairOutput: RegExp): Promise<RunningCloud> {
  const repair = await runCli(['repair', '--data-dir', dir, '--api-port', '0']);
  expect(repair.stderr).toBe('');
  expect(repair.code).toBe(0);
  expect(repair.stdout).toMatch(expectRepairOutput);
  expect(repair.stdout).toMatch(/Repaired: every resource the stacks record is back/);
  const cloud = await startCliCloud(['--data-dir', dir, '--port', '0', '--api-port', '0']);
  try {
    expect((await postJson(cloud.apiUrl, { after: 'repair' })).status).toBe(200);
    const ddb = client(cloud.endpointUrl);
    const items = await tableSnapshot(ddb);
    ddb.destroy();
    expect(items.get(keptId)?.Body).toContain('"keep":"me"');
    expect(items.size).toBe(2);
  } catch (error) {
    await stop(cloud);
    throw error;
  }
  return cloud;
}

const way = (dir: string) => `Way out: run \`tapstack repair --data-dir ${dir}\``;
const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each damage, applied to a fresh copy of the seeded directory. */
const onlyFile = (dir: string, folder: string): string =>
  join(dir, folder, String(readdirSync(join(dir, folder))[0]));
const DAMAGE = {
  functionsDeleted: (dir: string) => unlinkSync(join(dir, 'lambda/functions.json')),
  functionsEmpty: (dir: string) => writeFileSync(join(dir, 'lambda/functions.json'), '{}'),
  iamDeleted: (dir: string) => unlinkSync(join(dir, 'iam/iam.json')),
  iamEmpty: (dir: string) => writeFileSync(join(dir, 'iam/iam.json'), '{}'),
  apiDeleted: (dir: string) => unlinkSync(join(dir, 'http-api/http-api.json')),
  settingsDeleted: (dir: string) => unlinkSync(join(dir, 'dynamodb/table-settings.json')),
  queueDeleted: (dir: string) => unlinkSync(onlyFile(dir, 'sqs/queues')),
  bucketDeleted: (dir: string) => unlinkSync(onlyFile(dir, 's3/buckets')),
} as const;

describe.concurrent('damaged state files: refused naming the file, the problem, the resource and the way out', () => {
  it.each([
    [
      'lambda/functions.json deleted',
      'functionsDeleted',
      'lambda/functions.json',
      `has no function ${FUNCTION}: AWS::Lambda::Function RequestProcessorLambda \\(${FUNCTION}\\) ${STACK}`,
    ],
    [
      'lambda/functions.json = {}',
      'functionsEmpty',
      'lambda/functions.json',
      `has no "functions" object \\(found nothing\\); it was left untouched\\.\\n  It affects: AWS::Lambda::Function RequestProcessorLambda \\(${FUNCTION}\\) ${STACK}`,
    ],
    [
      'iam/iam.json deleted',
      'iamDeleted',
      'iam/iam.json',
      'has no role serverless-infrastructure-AccessLogDeliveryRole-\\w+: AWS::IAM::Role AccessLogDeliveryRole',
    ],
    [
      'iam/iam.json = {}',
      'iamEmpty',
      'iam/iam.json',
      'has no "seed" string \\(found nothing\\); it was left untouched\\.\\n  It affects: AWS::IAM::Role AccessLogDeliveryRole',
    ],
    [
      'http-api/http-api.json deleted',
      'apiDeleted',
      'http-api/http-api.json',
      'has no API \\w+: AWS::ApiGatewayV2::Api HttpApi \\(\\w+\\) of stack serverless-infrastructure',
    ],
    [
      'dynamodb/table-settings.json deleted',
      'settingsDeleted',
      'dynamodb/table-settings.json',
      `has Time to Live off for table ${TABLE_NAME}, which the template enables: AWS::DynamoDB::Table RequestDataTable`,
    ],
    [
      "the dead-letter queue's state file deleted",
      'queueDeleted',
      'sqs/queues/serverless-infrastructure-dlq.json',
      'has no queue serverless-infrastructure-dlq: AWS::SQS::Queue DeadLetterQueue',
    ],
    [
      "the archive bucket's state file deleted",
      'bucketDeleted',
      's3/buckets/',
      'has no bucket [\\w-]+: AWS::S3::Bucket ApiLoggingBucket',
    ],
  ] as const)('%s', async (name, damage, file, problem) => {
    const dir = copy(name.replace(/\W+/g, '-'));
    DAMAGE[damage](dir);

    const stderr = await refused(dir, new RegExp(`${esc(join(dir, file))}\\S* ${problem}`));
    expect(stderr).toContain(way(dir));
  });
});

describe('tapstack repair', () => {
  it('brings back every rebuildable loss at once, keeping the stored item, with the table settings re-applied', async () => {
    const dir = copy('repair-all');
    const damages = [
      'functionsDeleted',
      'iamEmpty',
      'apiDeleted',
      'settingsDeleted',
      'queueDeleted',
      'bucketDeleted',
    ] as const;
    for (const damage of damages) DAMAGE[damage](dir);

    const cloud = await repairedAndServing(dir, /Set aside iam\/iam\.json \(has no "seed" string/);
    try {
      const ddb = client(cloud.endpointUrl);
      const ttl = await ddb.send(new DescribeTimeToLiveCommand({ TableName: TABLE_NAME }));
      ddb.destroy();
      expect(ttl.TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
      expect(readdirSync(join(dir, 'iam')).some((f) => f.startsWith('iam.json.damaged-'))).toBe(true);
    } finally {
      await stop(cloud);
    }
  });
});

describe.concurrent('state that cannot be rebuilt from a template', () => {
  it('cloudformation/stacks.json = {}: named, not rebuildable, repair refuses too and changes nothing', async () => {
    const dir = copy('stacks-empty');
    const file = join(dir, 'cloudformation/stacks.json');
    writeFileSync(file, '{}');

    const stderr = await refused(
      dir,
      new RegExp(
        `state file ${esc(file)} has no "stacks" list \\(found nothing\\); it was left untouched\\.\\n  It affects: every stack in the data directory`,
      ),
    );
    expect(stderr).toContain(
      'Way out: restore the file from a copy (this state cannot be rebuilt from a template)',
    );
    const before = digest(dir);
    const repair = await runCli(['repair', '--data-dir', dir]);
    expect(repair.code).toBe(1);
    expect(repair.stderr).toMatch(/has no "stacks" list/);
    expect(digest(dir)).toEqual(before);
  });

  it('cloudformation/stacks.json deleted: the next up refuses instead of colliding with the table', async () => {
    const dir = copy('stacks-deleted');
    unlinkSync(join(dir, 'cloudformation/stacks.json'));

    const stderr = await refused(
      dir,
      new RegExp(
        `state file ${esc(join(dir, 'cloudformation/stacks.json'))} is missing, but the data directory holds what a stack created \\(function ${FUNCTION}, table ${TABLE_NAME}, API \\w+\\); nothing was changed`,
      ),
    );
    expect(stderr).toContain('Way out: restore cloudformation/stacks.json from a copy');
    expect(existsSync(join(dir, 'cloudformation/stacks.json'))).toBe(false);
  });

  it('a truncated LevelDB table file: named as unreadable with the table it holds', async () => {
    const dir = copy('ldb');
    const leveldb = join(dir, 'dynamodb/leveldb');
    const table = readdirSync(leveldb).find((f) => f.endsWith('.ldb'));
    expect(table).toBeDefined();
    truncateSync(join(leveldb, String(table)), 100);

    const stderr = await refused(
      dir,
      new RegExp(
        `DynamoDB data directory ${esc(leveldb)} could not be read \\(IO error: ${esc(join(leveldb, String(table)))}: Invalid argument\\); it was left untouched`,
      ),
    );
    expect(stderr).toContain(`It affects: AWS::DynamoDB::Table RequestDataTable (${TABLE_NAME}) ${STACK}`);
    expect(statSync(join(leveldb, String(table))).size).toBe(100);
  });
});

describe('a table deleted through the endpoint is drift, not damage', () => {
  it('status shows it, up says so and serves, and up --recreate-drifted re-creates it', async () => {
    const dir = copy('drift');
    const cloud = await startCliCloud(['--data-dir', dir, '--port', '0', '--api-port', '0']);
    try {
      const ddb = client(cloud.endpointUrl);
      await ddb.send(new DeleteTableCommand({ TableName: TABLE_NAME }));
      ddb.destroy();
      const status = await runCli([
        'status',
        '--endpoint-url',
        cloud.endpointUrl,
        '--data-dir',
        dir,
        '--json',
      ]);
      expect(JSON.parse(status.stdout).drift).toEqual([
        { logicalId: 'RequestDataTable', type: 'AWS::DynamoDB::Table', physicalId: TABLE_NAME },
      ]);
    } finally {
      await stop(cloud);
    }

    const again = await startCliCloud(['--data-dir', dir, '--port', '0', '--api-port', '0']);
    const said = again.output();
    await stop(again);
    expect(said).toMatch(
      new RegExp(
        `Drift: AWS::DynamoDB::Table RequestDataTable \\(${TABLE_NAME}\\) ${STACK} was deleted through the AWS endpoint \\(DeleteTable at [\\d-]+T[\\d:.]+Z\\)\\.`,
      ),
    );
    expect(said).not.toMatch(/LevelDB/);
    expect(said).toContain(`Re-create it with \`tapstack up --recreate-drifted --data-dir ${dir}\``);

    const recreated = await startCliCloud([
      '--data-dir',
      dir,
      '--port',
      '0',
      '--api-port',
      '0',
      '--recreate-drifted',
    ]);
    try {
      expect(recreated.output()).toContain('Re-created (empty): RequestDataTable');
      expect((await postJson(recreated.apiUrl, { into: 'the new table' })).status).toBe(200);
    } finally {
      await stop(recreated);
    }
  });
});
