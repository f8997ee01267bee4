import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Command } from 'commander';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { clientConfig } from '../aws/target.ts';
import { parseSince } from '../duration.ts';
import { paint } from '../format/style.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';

interface LogsOptions extends CommonOptions {
  readonly since: string;
  readonly follow?: boolean;
  readonly filter?: string;
  readonly source: 'all' | 'function' | 'access';
}

const FOLLOW_POLL_MS = 1_000;

export function registerLogs(program: Command): void {
  withCommonOptions(
    program
      .command('logs')
      .description('function and access logs, oldest first; --follow keeps printing new lines')
      .option('--since <duration|iso>', 'how far back to start', '15m')
      .option('-f, --follow', 'keep printing new events until Ctrl-C')
      .option('--filter <pattern>', 'CloudWatch Logs filter pattern, e.g. ERROR or { $.status >= 500 }')
      .option('--source <which>', 'all | function | access', 'all'),
  ).action(async (options: LogsOptions) => {
    const config = clientConfig(options);
    const handles = await loadStackHandles(config, options.stackName);
    const groups = [
      ...(options.source !== 'access' && handles.functionLogGroup
        ? [['function', handles.functionLogGroup] as const]
        : []),
      ...(options.source !== 'function' && handles.accessLogGroup
        ? [['access', handles.accessLogGroup] as const]
        : []),
    ];
    if (groups.length === 0) throw new Error(`stack ${options.stackName} has no ${options.source} log group`);
    const client = new CloudWatchLogsClient(config);
    let since = parseSince(options.since, Date.now());
    const seen = new Set<string>();
    try {
      do {
        const batch: { source: string; timestamp: number; message: string; id: string }[] = [];
        for (const [source, logGroupName] of groups) {
          const result = await client.send(
            new FilterLogEventsCommand({
              logGroupName,
              startTime: since,
              ...(options.filter ? { filterPattern: options.filter } : {}),
            }),
          );
          for (const e of result.events ?? []) {
            const id = `${logGroupName}|${e.logStreamName}|${e.eventId}|${e.timestamp}|${e.message}`;
            if (seen.has(id)) continue;
            seen.add(id);
            batch.push({ source, timestamp: e.timestamp ?? 0, message: (e.message ?? '').trimEnd(), id });
          }
        }
        batch.sort((a, b) => a.timestamp - b.timestamp);
        for (const line of batch) {
          console.log(
            options.json
              ? JSON.stringify({ source: line.source, timestamp: line.timestamp, message: line.message })
              : `${paint('gray', new Date(line.timestamp).toISOString())} ${paint(line.source === 'access' ? 'cyan' : 'yellow', line.source.padEnd(8))} ${line.message}`,
          );
        }
        if (batch.length > 0) since = Math.max(since, (batch.at(-1)?.timestamp ?? since) - 1);
        if (options.follow) await new Promise((done) => setTimeout(done, FOLLOW_POLL_MS));
      } while (options.follow);
    } finally {
      client.destroy();
    }
  });
}
