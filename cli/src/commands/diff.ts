import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Command } from 'commander';
import { createChangeSet, discardChangeSet } from '../aws/change-sets.ts';
import { clientConfig } from '../aws/target.ts';
import { formatChange } from '../format/change-set.ts';
import { colorEnabled, paint } from '../format/style.ts';
import {
  readTemplateBody,
  type TemplateOptions,
  templateParameters,
  withTemplateOptions,
} from './template-options.ts';

interface DiffOptions extends TemplateOptions {
  readonly aws?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly json?: boolean;
}

/**
 * `tapstack diff`: the change set a deploy would apply (Add, Modify, Replace with the property
 * forcing it, Remove), made by CloudFormation itself and then discarded. Local cloud by default.
 */
export function registerDiff(program: Command): void {
  withTemplateOptions(program.command('diff'))
    .description('show what deploying the template would change (local cloud by default, --aws for AWS)')
    .option('--aws', 'compare with the stack in your AWS account')
    .option('--endpoint-url <url>', 'the local cloud AWS endpoint (default http://127.0.0.1:4566)')
    .option('--region <region>', 'AWS Region')
    .option('--json', 'machine-readable output')
    .action(async (options: DiffOptions) => {
      const client = new CloudFormationClient(clientConfig(options));
      try {
        const result = await createChangeSet(client, {
          stackName: options.stackName,
          templateBody: readTemplateBody(options.template),
          parameters: templateParameters(options),
        });
        await discardChangeSet(client, result);
        if (options.json) {
          console.log(
            JSON.stringify(
              { stackName: options.stackName, type: result.type, changes: result.changes },
              null,
              2,
            ),
          );
          return;
        }
        const color = colorEnabled();
        if (result.empty || result.changes.length === 0) {
          console.log(`No changes: stack ${options.stackName} is as the template describes.`);
          return;
        }
        const verb = result.type === 'CREATE' ? 'would be created' : 'would change';
        console.log(paint('bold', `Stack ${options.stackName} ${verb}:`, color));
        for (const change of result.changes) console.log(formatChange(change, color));
      } finally {
        client.destroy();
      }
    });
}
