import type { Command } from 'commander';

/** Options every inspection command takes: which stack, and the local cloud or real AWS. */
export interface CommonOptions {
  readonly stackName: string;
  readonly aws?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly json?: boolean;
}

export function withCommonOptions(command: Command): Command {
  return command
    .option('--stack-name <name>', 'CloudFormation stack name', 'serverless-infrastructure')
    .option('--aws', 'inspect the stack in your AWS account instead of the local cloud')
    .option('--endpoint-url <url>', 'the local cloud AWS endpoint (default http://127.0.0.1:4566)')
    .option('--region <region>', 'AWS Region')
    .option('--json', 'machine-readable output');
}
