/**
 * `tapstack`: run the stack on the local cloud, deploy it to AWS, and inspect what it holds.
 * Every failure ends with a one-line message naming what failed and a non-zero exit code.
 */
import { Command } from 'commander';
import { registerDeploy } from './commands/deploy.ts';
import { registerDestroy } from './commands/destroy.ts';
import { registerDiff } from './commands/diff.ts';
import { registerDlq } from './commands/dlq.ts';
import { registerLogs } from './commands/logs.ts';
import { registerRepair } from './commands/repair.ts';
import { registerRequests } from './commands/requests.ts';
import { registerStatus } from './commands/status.ts';
import { registerTrigger } from './commands/trigger.ts';
import { registerUp } from './commands/up.ts';

// The local cloud runs the function on this machine's Node (20 or 22) while AWS runs nodejs22.x;
// the SDK's Node 20 end-of-support notice is about this machine, not the product.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const program = new Command('tapstack')
  .description(
    'TapStack: a request-capture service for AWS, and a local cloud to run it without Docker or an AWS account',
  )
  .showHelpAfterError();

registerUp(program);
registerDeploy(program);
registerDiff(program);
registerDestroy(program);
registerStatus(program);
registerLogs(program);
registerRequests(program);
registerDlq(program);
registerTrigger(program);
registerRepair(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
  console.error(`tapstack: ${name}${message}`);
  if (/ECONNREFUSED/.test(message)) {
    console.error(
      'tapstack: is the local cloud running? Start it with `npm start` (or pass --aws for your AWS account).',
    );
  }
  process.exitCode = 1;
}
