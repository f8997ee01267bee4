import type { LogsService } from '../service.ts';

/** A log group name as the Logs operations take it. */
export const GROUP = { type: 'string', required: true, minLength: 1, maxLength: 512 } as const;

/** The ARN an operation on a log group is authorized against (`*` when the name is absent). */
export const logGroupArn = (logs: LogsService, name: string | undefined): string =>
  name ? logs.groupArn(name) : '*';
