import {
  CloudFormationClient,
  DeleteChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import type { Command } from 'commander';
import { createChangeSet } from '../aws/change-sets.ts';
import { followStack } from '../aws/follow-stack.ts';
import { clientConfig } from '../aws/target.ts';
import { formatChange } from '../format/change-set.ts';
import { formatApiStackEvent } from '../format/stack-event.ts';
import { colorEnabled, paint, table } from '../format/style.ts';
import {
  readTemplateBody,
  type TemplateOptions,
  templateParameters,
  withTemplateOptions,
} from './template-options.ts';

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

interface DeployOptions extends TemplateOptions {
  readonly region?: string;
  readonly endpointUrl?: string;
  readonly dryRun?: boolean;
  readonly json?: boolean;
}

/**
 * `tapstack deploy`: what `aws cloudformation deploy` does (a change set, "No changes to deploy"
 * when empty, then execute), through the AWS SDK so the stack events show live while it waits.
 * To your AWS account by default; `--endpoint-url` deploys onto a local cloud.
 */
export function registerDeploy(program: Command): void {
  withTemplateOptions(program.command('deploy'))
    .description('deploy the template to your AWS account (or --endpoint-url), showing stack events live')
    .option('--region <region>', 'AWS Region (default: your AWS configuration)')
    .option(
      '--endpoint-url <url>',
      'deploy onto this endpoint instead (e.g. the local cloud, http://127.0.0.1:4566)',
    )
    .option('--dry-run', 'print the equivalent aws cloudformation deploy command instead of running it')
    .option('--json', 'machine-readable output')
    .action(async (opts: DeployOptions) => {
      const parameters = templateParameters(opts);
      if (opts.dryRun) {
        const args = awsDeployArguments({
          template: opts.template,
          stackName: opts.stackName,
          parameters: { EnvironmentSuffix: 'dev', ...parameters },
          ...(opts.region ? { region: opts.region } : {}),
        });
        console.log(['aws', ...args].join(' '));
        return;
      }
      const outcome = await deployTemplate(opts, parameters);
      if (!outcome.ok) process.exitCode = 1;
    });
}

async function deployTemplate(
  opts: DeployOptions,
  parameters: Record<string, string>,
): Promise<{ ok: boolean }> {
  const color = colorEnabled();
  const client = new CloudFormationClient(
    clientConfig({
      aws: opts.endpointUrl === undefined,
      stackName: opts.stackName,
      ...(opts.endpointUrl ? { endpointUrl: opts.endpointUrl } : {}),
      ...(opts.region ? { region: opts.region } : {}),
    }),
  );
  const say = (line: string) => {
    if (!opts.json) console.log(line);
  };
  try {
    const changeSet = await createChangeSet(client, {
      stackName: opts.stackName,
      templateBody: readTemplateBody(opts.template),
      parameters,
    });
    if (changeSet.empty) {
      await client.send(new DeleteChangeSetCommand({ ChangeSetName: changeSet.id }));
      say(`No changes to deploy. Stack ${opts.stackName} is up to date`);
      if (opts.json)
        console.log(
          JSON.stringify({ stackName: opts.stackName, status: 'NO_CHANGES', changes: [] }, null, 2),
        );
      return { ok: true };
    }
    say(
      paint(
        'bold',
        `Deploying ${opts.stackName} (${changeSet.type === 'CREATE' ? 'create' : 'update'}):`,
        color,
      ),
    );
    for (const change of changeSet.changes) say(formatChange(change, color));
    const started = new Date();
    await client.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.id }));
    const result = await followStack(client, changeSet.stackId, started, (event) =>
      say(formatApiStackEvent(event, color)),
    );
    const ok = result.status === 'CREATE_COMPLETE' || result.status === 'UPDATE_COMPLETE';
    const stack = (await client.send(new DescribeStacksCommand({ StackName: changeSet.stackId })))
      .Stacks?.[0];
    const outputs = (stack?.Outputs ?? []).map((o) => ({
      key: o.OutputKey ?? '',
      value: o.OutputValue ?? '',
    }));
    if (opts.json) {
      console.log(
        JSON.stringify(
          {
            stackName: opts.stackName,
            status: result.status,
            reason: result.reason,
            changes: changeSet.changes,
            outputs,
          },
          null,
          2,
        ),
      );
    } else if (ok) {
      console.log(`\nSuccessfully created/updated stack - ${opts.stackName}`);
      console.log(table(outputs.map((o) => [`  ${o.key}`, o.value])));
    } else {
      console.error(`tapstack deploy: stack ${opts.stackName} is ${result.status}: ${result.reason ?? ''}`);
    }
    return { ok };
  } finally {
    client.destroy();
  }
}
