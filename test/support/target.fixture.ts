/**
 * Which stack the end-to-end suite runs against. `TAPSTACK_TARGET=aws` points it at a stack
 * deployed on AWS (`npx tapstack deploy`), read with DescribeStacks and reached through its real
 * API URL and the default AWS credential chain, the way dynalite's suite runs against DynamoDB with
 * REMOTE. Anything else (the default) boots the local cloud in-process.
 *
 * Tests that can only run locally (they control the clock, inject faults, deploy variants of the
 * template, or read the engine's internals) say so with `localOnly(reason)`: skipped on AWS with
 * the reason printed. Whole files that are local-only are listed in LOCAL_ONLY_FILES, which
 * vitest.e2e.config.ts leaves out on AWS (printing each with its reason).
 */
export const TARGET: 'aws' | 'local' = process.env.TAPSTACK_TARGET === 'aws' ? 'aws' : 'local';
export const onAws = TARGET === 'aws';

/** `it.skipIf(localOnly('why'))(…)`: true (skip) on AWS, after printing why. */
export function localOnly(reason: string): boolean {
  if (onAws) console.warn(`[TAPSTACK_TARGET=aws] skipped, local only: ${reason}`);
  return onAws;
}

/** The e2e files that need the local engine, with the reason; every other e2e file runs on both targets. */
export const LOCAL_ONLY_FILES: Readonly<Record<string, string>> = {
  'test/local-cloud/access-log-archive.test.ts': 'drives the virtual clock through Firehose buffering',
  'test/local-cloud/alarms.test.ts': 'drives the virtual clock through alarm periods',
  'test/local-cloud/cli-inspection.test.ts': 'writes log events and dead letters through the engine',
  'test/local-cloud/gateway-behaviour.test.ts': 'deploys variants of the template with other parameters',
  'test/local-cloud/metrics.test.ts': 'drives the virtual clock through metric periods',
  'test/local-cloud/ports.test.ts': 'ports of the local endpoint and API listeners',
  'test/local-cloud/restart-and-crash.test.ts': 'kills and restarts the local cloud',
  'test/local-cloud/restart-retries.test.ts': 'kills and restarts the local cloud mid-retry',
  'test/local-cloud/retention.test.ts': 'drives the virtual clock through retention periods',
  'test/local-cloud/s3-large-objects.test.ts': 'reads the local staging directory',
  'test/local-cloud/schedule-and-dlq.test.ts': 'drives the virtual clock through schedules and retries',
  'test/local-cloud/time-scale.test.ts': 'tapstack up --time-scale is a local-cloud option',
  'test/local-cloud/aws-calls.test.ts':
    "starts its own local cloud on the committed template and reads the engine's recorded deliveries",
  'test/local-cloud/cli-stack-commands.test.ts':
    'runs tapstack deploy/diff/destroy against an engine it starts',
  'test/local-cloud/cloudformation-deploy-cli.test.ts':
    'deploys and deletes extra stacks on an engine it starts (on AWS it would create real stacks)',
  'test/local-cloud/cloudformation-sdk.test.ts':
    'creates, updates and deletes extra stacks and restarts the engine',
  'test/local-cloud/console-startup.test.ts': 'the console is a local-cloud feature',
  'test/local-cloud/cloudwatch-percentiles.test.ts':
    'publishes metrics into an engine it starts and restarts it to prove they persist',
  'test/local-cloud/lambda-control.test.ts': "replaces the function's code on an engine it starts",
  'test/local-cloud/up-stacks.test.ts': 'tapstack up with other templates is a local-cloud command',
};
