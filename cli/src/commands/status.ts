import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { clientConfig } from '../aws/target.ts';
import { paint, table } from '../format/style.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';
import { dataDirReport, findDrift, formatDataDir } from './status-data.ts';

const RECENT_ERRORS_MS = 3_600_000;

export function registerStatus(program: Command): void {
  withCommonOptions(
    program
      .command('status')
      .description('the stack, its resources, alarm states, dead-letter depth and recent errors'),
  )
    .option('--data-dir <dir>', 'the local cloud data directory (size by service, growth)', '.tapstack')
    .action(async (options: CommonOptions & { readonly dataDir: string }) => {
      const config = clientConfig(options);
      const handles = await loadStackHandles(config, options.stackName);
      const drift = await findDrift(config, handles.resources);
      const [alarms, deadLetters, errors] = await Promise.all([
        describeAlarms(config, handles.alarmNames),
        drift.some((d) => d.physicalId === handles.deadLetterQueueUrl)
          ? Promise.resolve(undefined)
          : queueDepth(config, handles.deadLetterQueueUrl),
        recentErrors(config, handles.functionLogGroup),
      ]);
      const dataDir =
        options.aws || !existsSync(options.dataDir) ? undefined : dataDirReport(resolve(options.dataDir));
      const report = {
        stackName: handles.stack.StackName,
        stackStatus: handles.stack.StackStatus,
        resources: handles.resources.map((r) => ({
          logicalId: r.LogicalResourceId,
          type: r.ResourceType,
          status: r.ResourceStatus,
        })),
        alarms: alarms.map((a) => ({ name: a.AlarmName, state: a.StateValue, reason: a.StateReason })),
        deadLetterQueueDepth: deadLetters,
        recentErrors: errors,
        drift,
        ...(dataDir ? { dataDirectory: dataDir } : {}),
      };
      if (options.json) {
        console.log(JSON.stringify(report, null, 2));
      } else {
        const healthy = report.stackStatus?.endsWith('COMPLETE') && !report.stackStatus.includes('ROLLBACK');
        console.log(
          `${paint('bold', 'Stack')}  ${report.stackName}  ${paint(healthy ? 'green' : 'red', report.stackStatus ?? '?')}  (${report.resources.length} resources)`,
        );
        console.log(`\n${paint('bold', 'Alarms')}`);
        console.log(
          alarms.length === 0
            ? '  none'
            : table(
                alarms.map((a) => [
                  `  ${a.AlarmName ?? '?'}`,
                  paint(
                    a.StateValue === 'ALARM' ? 'red' : a.StateValue === 'OK' ? 'green' : 'yellow',
                    a.StateValue ?? '?',
                  ),
                ]),
              ),
        );
        console.log(
          `\n${paint('bold', 'Dead-letter queue')}  ${deadLetters === undefined ? 'not found' : `${deadLetters} message(s)`}`,
        );
        if (drift.length > 0) {
          console.log(
            `\n${paint('bold', 'Drift')}  ${paint('red', `${drift.length} resource(s) deleted outside the stack`)}`,
          );
          for (const d of drift) console.log(`  ${d.logicalId}  ${d.type}  ${d.physicalId}  deleted`);
          console.log(
            '  Re-create with `tapstack up --recreate-drifted` or `tapstack repair` (the local cloud stopped).',
          );
        }
        if (dataDir) {
          const [head, ...rest] = formatDataDir(dataDir);
          console.log(`\n${paint('bold', 'Data directory')}  ${head}`);
          for (const line of rest) console.log(line);
        }
        console.log(`\n${paint('bold', 'Errors in the last hour')}  ${errors.length}`);
        for (const line of errors.slice(-5))
          console.log(`  ${paint('gray', new Date(line.timestamp).toISOString())}  ${line.message}`);
      }
      if (alarms.some((a) => a.StateValue === 'ALARM')) process.exitCode = 2;
    });
}

async function describeAlarms(
  config: ReturnType<typeof clientConfig>,
  names: readonly string[],
): Promise<MetricAlarm[]> {
  if (names.length === 0) return [];
  const client = new CloudWatchClient(config);
  try {
    return (await client.send(new DescribeAlarmsCommand({ AlarmNames: [...names] }))).MetricAlarms ?? [];
  } finally {
    client.destroy();
  }
}

async function queueDepth(
  config: ReturnType<typeof clientConfig>,
  queueUrl: string | undefined,
): Promise<number | undefined> {
  if (!queueUrl) return undefined;
  const client = new SQSClient(config);
  try {
    const result = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );
    return Number(result.Attributes?.ApproximateNumberOfMessages ?? 0);
  } finally {
    client.destroy();
  }
}

async function recentErrors(
  config: ReturnType<typeof clientConfig>,
  logGroup: string | undefined,
): Promise<{ timestamp: number; message: string }[]> {
  if (!logGroup) return [];
  const client = new CloudWatchLogsClient(config);
  try {
    const result = await client.send(
      new FilterLogEventsCommand({
        logGroupName: logGroup,
        startTime: Date.now() - RECENT_ERRORS_MS,
        filterPattern: '?ERROR ?"Task timed out"',
      }),
    );
    return (result.events ?? []).map((e) => ({
      timestamp: e.timestamp ?? 0,
      message: (e.message ?? '').trim(),
    }));
  } finally {
    client.destroy();
  }
}
