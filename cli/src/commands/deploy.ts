import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { parseParameterOverrides } from '../parameters.ts';

export interface AwsDeployOptions {
  readonly template: string;
  readonly stackName: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly region?: string;
}

/**
 * The seed's own deploy command, unchanged: `aws cloudformation deploy` sends the template inline
 * (it fits the 51,200-byte limit), so no bootstrap and no artifact bucket are needed.
 * https://docs.aws.amazon.com/cli/latest/reference/cloudformation/deploy/
 */
export function awsDeployArguments(options: AwsDeployOptions): string[] {
  const overrides = Object.entries(options.parameters).map(([key, value]) => `${key}=${value}`);
  return [
    'cloudformation',
    'deploy',
    '--template-file',
    options.template,
    '--stack-name',
    options.stackName,
    '--capabilities',
    'CAPABILITY_IAM',
    ...(overrides.length > 0 ? ['--parameter-overrides', ...overrides] : []),
    ...(options.region ? ['--region', options.region] : []),
  ];
}

export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('deploy lib/TapStack.json to your AWS account with the AWS CLI (aws cloudformation deploy)')
    .option('--template <file>', 'template to deploy', 'lib/TapStack.json')
    .option('--stack-name <name>', 'CloudFormation stack name', 'serverless-infrastructure')
    .option('-p, --parameter <Key=Value...>', 'parameter override (repeatable)', collect, [
      'EnvironmentSuffix=dev',
    ])
    .option('--region <region>', 'AWS Region (default: your AWS CLI configuration)')
    .option('--dry-run', 'print the command instead of running it')
    .action(
      async (opts: {
        template: string;
        stackName: string;
        parameter: string[];
        region?: string;
        dryRun?: boolean;
      }) => {
        const args = awsDeployArguments({
          template: opts.template,
          stackName: opts.stackName,
          parameters: parseParameterOverrides(opts.parameter),
          ...(opts.region ? { region: opts.region } : {}),
        });
        if (opts.dryRun) {
          console.log(['aws', ...args].join(' '));
          return;
        }
        process.exitCode = await run('aws', args);
      },
    );
}

function collect(value: string, previous: string[]): string[] {
  // The default EnvironmentSuffix=dev stays unless the user overrides that key.
  return [...previous, value];
}

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.on('error', (error: NodeJS.ErrnoException) => {
      console.error(
        error.code === 'ENOENT'
          ? 'tapstack deploy: the AWS CLI (`aws`) is not installed or not on PATH; install it, configure credentials, and retry'
          : `tapstack deploy: could not run aws: ${error.message}`,
      );
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}
