import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Command } from 'commander';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { clientConfig } from '../aws/target.ts';
import { paint, table } from '../format/style.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';

const RECENT_ERRORS_MS = 3_600_000;

export function registerStatus(program: Command): void {
  withCommonOptions(
    program
      .command('status')
      .description('the stack, its resources, alarm states, dead-letter depth and recent errors'),
  ).action(async (options: CommonOptions) => {
    const config = clientConfig(options);
    const handles = await loadStackHandles(config, options.stackName);
    const [alarms, deadLetters, errors] = await Promise.all([
      describeAlarms(config, handles.alarmNames),
      queueDepth(config, handles.deadLetterQueueUrl),
      recentErrors(config, handles.functionLogGroup),
    ]);
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
