/**
 * A CloudFormation API over a real StackDeployer whose providers are the FakeCloud's, for tests of
 * the write operations' rules. `gate` holds the next update of a `Test::Slow` resource until released.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeCloud } from '../../deploy/fake-cloud.fixture.ts';
import { StackDeployer } from '../../deploy/stack-deployer.ts';
import type { RequestContext } from '../../protocol/operation.ts';
import type { ResourceProvider } from '../../providers/provider.ts';
import { createRegistry } from '../../providers/registry.ts';
import { DEFAULT_ACCOUNT } from '../../runtime/account.ts';
import { AwsError } from '../../runtime/aws-error.ts';
import { VirtualClock } from '../../runtime/clock.ts';
import { stackControlOf } from '../../wiring/stack-control.ts';
import { stackReaderOf } from '../../wiring/stack-reader.ts';
import { cloudFormationOperations } from './operation-table.ts';
import { CloudFormationService } from './service.ts';

export const CTX: RequestContext = {
  requestId: 'r',
  region: 'us-east-1',
  accountId: '000000000000',
  caller: { accessKeyId: 'test', kind: 'root' },
};

/** Holds updates of `Test::Slow` resources while `held` is true. */
export class Gate {
  held = false;
  private waiting: (() => void)[] = [];
  entered: Promise<void>;
  private signalEntered: () => void = () => {};

  constructor() {
    this.entered = new Promise((resolve) => {
      this.signalEntered = resolve;
    });
  }

  async pass(): Promise<void> {
    if (!this.held) return;
    this.signalEntered();
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    this.held = false;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

export function writeApiFixture(objects: Record<string, string> = {}) {
  const cloud = new FakeCloud();
  const gate = new Gate();
  const slowBase = cloud.provider('Test::Slow');
  const slow: ResourceProvider = {
    ...slowBase,
    update: async (ctx, physicalId, props, previous) => {
      await gate.pass();
      if (!slowBase.update) throw new Error('unreachable');
      return slowBase.update(ctx, physicalId, props, previous);
    },
  };
  const registry = createRegistry([
    cloud.provider('Test::Queue', { replacement: ['Name'] }),
    cloud.provider('AWS::IAM::Role', { properties: ['RoleName', 'Tags'] }),
    slow,
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'cfn-api-'));
  const clock = new VirtualClock();
  const deployer = new StackDeployer({ statePath: join(dir, 'stacks.json'), registry, clock });
  const readObject = (bucket: string, key: string): string => {
    const body = objects[`${bucket}/${key}`];
    if (body === undefined) throw new AwsError('NoSuchKey', 'The specified key does not exist.', 404);
    return body;
  };
  const api = new CloudFormationService({
    reader: stackReaderOf(deployer),
    control: stackControlOf(deployer, readObject, DEFAULT_ACCOUNT),
    statePath: join(dir, 'api.json'),
    now: () => clock.now(),
  });
  const ops = cloudFormationOperations(stackReaderOf(deployer), api);
  const call = async <T = Record<string, unknown>>(
    name: string,
    input: Record<string, unknown>,
  ): Promise<T> => {
    const op = ops[name];
    if (!op) throw new Error(`no operation ${name}`);
    return (await op.execute(op.validate(input, 'json', 'ValidationError'), CTX)) as T;
  };
  /** `Code: message` of the call's error, or `no error`. */
  const failure = (name: string, input: Record<string, unknown>): Promise<string> =>
    call(name, input).then(
      () => 'no error',
      (error: AwsError) => `${error.code}: ${error.message}`,
    );
  return { cloud, gate, deployer, api, call, failure, dir };
}
