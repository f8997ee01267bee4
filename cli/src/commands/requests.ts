import type { Command } from 'commander';
import { queryRequests } from '../aws/query-requests.ts';
import { loadStackHandles } from '../aws/stack-handles.ts';
import { clientConfig } from '../aws/target.ts';
import { parseSince } from '../duration.ts';
import { paint, table } from '../format/style.ts';
import { type CommonOptions, withCommonOptions } from './common.ts';

interface RequestsOptions extends CommonOptions {
  readonly since: string;
  readonly until?: string;
  readonly limit: string;
}

export function registerRequests(program: Command): void {
  withCommonOptions(
    program
      .command('requests')
      .description('list stored requests in a time range (queries the ByTime index, never scans the table)')
      .option(
        '--since <duration|iso>',
        'start of the range: a duration ago (15m, 1h, 7d) or an ISO time',
        '1h',
      )
      .option('--until <iso>', 'end of the range (default: now)')
      .option('--limit <n>', 'most requests to show', '50'),
  ).action(async (options: RequestsOptions) => {
    const config = clientConfig(options);
    const handles = await loadStackHandles(config, options.stackName);
    if (!handles.tableName) throw new Error(`stack ${options.stackName} has no RequestDataTable`);
    const now = Date.now();
    const from = parseSince(options.since, now);
    const to = options.until ? Date.parse(options.until) : now;
    if (Number.isNaN(to)) throw new Error(`--until "${options.until}" is not an ISO-8601 time`);
    const limit = Number(options.limit);
    if (!Number.isInteger(limit) || limit <= 0)
      throw new Error(`--limit must be a positive whole number, got ${options.limit}`);
    const requests = await queryRequests(config, handles.tableName, from, to, limit);
    if (options.json) {
      console.log(JSON.stringify(requests, null, 2));
      return;
    }
    if (requests.length === 0) {
      console.log(`No requests between ${new Date(from).toISOString()} and ${new Date(to).toISOString()}.`);
      return;
    }
    console.log(
      table([
        ['TIME', 'METHOD', 'PATH', 'SOURCE IP', 'BYTES', 'REQUEST ID'].map((h) => paint('bold', h)),
        ...requests.map((r) => [
          r.Timestamp,
          r.Method ?? '-',
          r.Path ?? '-',
          r.SourceIp ?? '-',
          String(r.BodySize ?? 0),
          r.RequestId,
        ]),
      ]),
    );
  });
}
