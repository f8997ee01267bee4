import { createInterface } from 'node:readline/promises';
import {
  CloudFormationClient,
  DeleteStackCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import type { Command } from 'commander';
import { existingStack } from '../aws/change-sets.ts';
import { followStack } from '../aws/follow-stack.ts';
import { clientConfig } from '../aws/target.ts';
import { formatApiStackEvent } from '../format/stack-event.ts';
import { colorEnabled } from '../format/style.ts';

interface DestroyOptions {
  readonly yes?: boolean;
  readonly aws?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly json?: boolean;
}

/**
 * `tapstack destroy [stack]`: deletes a stack and its resources (DeletionPolicy Retain ones stay and
 * are listed), showing the events as they happen. Asks first on a terminal; scripts pass `--yes`.
 */
export function registerDestroy(program: Command): void {
  program
    .command('destroy [stack]')
    .description('delete a stack and its resources (local cloud by default); Retain resources are kept')
    .option('-y, --yes', 'do not ask for confirmation')
    .option('--aws', 'delete the stack in your AWS account')
    .option('--endpoint-url <url>', 'the local cloud AWS endpoint (default http://127.0.0.1:4566)')
    .option('--region <region>', 'AWS Region')
    .option('--json', 'machine-readable output')
    .action(async (stack: string | undefined, options: DestroyOptions) => {
      const stackName = stack ?? 'serverless-infrastructure';
      const client = new CloudFormationClient(clientConfig({ ...options, stackName }));
      try {
        if (!(await existingStack(client, stackName)).exists)
          throw new Error(`stack ${stackName} does not exist`);
        if (!options.yes) await confirm(stackName, options.aws === true);
        const color = colorEnabled();
        const started = new Date();
        const id = await stackIdOf(client, stackName);
        await client.send(new DeleteStackCommand({ StackName: id }));
        const result = await followStack(client, id, started, (event) => {
          if (options.json) return;
          console.log(formatApiStackEvent(event, color));
        });
        const retained = result.events
          .filter((e) => e.ResourceStatus === 'DELETE_SKIPPED')
          .map((e) => ({
            logicalId: e.LogicalResourceId,
            physicalId: e.PhysicalResourceId,
            type: e.ResourceType,
          }));
        if (options.json) {
          console.log(
            JSON.stringify({ stackName, status: result.status, reason: result.reason, retained }, null, 2),
          );
        } else if (result.status === 'DELETE_COMPLETE') {
          console.log(`Deleted ${stackName}.`);
          for (const r of retained)
            console.log(`  kept (DeletionPolicy Retain): ${r.type} ${r.logicalId} ${r.physicalId}`);
        }
        if (result.status !== 'DELETE_COMPLETE') {
          throw new Error(`stack ${stackName} is ${result.status}: ${result.reason ?? 'the delete failed'}`);
        }
      } finally {
        client.destroy();
      }
    });
}

async function stackIdOf(client: CloudFormationClient, stackName: string): Promise<string> {
  const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  return out.Stacks?.[0]?.StackId ?? stackName;
}

async function confirm(stackName: string, aws: boolean): Promise<void> {
  if (!process.stdin.isTTY) {
    throw new Error(
      `refusing to delete ${stackName} without confirmation: stdin is not a terminal (pass --yes)`,
    );
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const where = aws ? 'in your AWS account' : 'on the local cloud';
    const answer = await rl.question(
      `Delete stack ${stackName} ${where} and its resources? Type its name to confirm: `,
    );
    if (answer.trim() !== stackName) throw new Error('not confirmed; nothing was deleted');
  } finally {
    rl.close();
  }
}
