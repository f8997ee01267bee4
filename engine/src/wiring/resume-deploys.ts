import type { StackDeployer } from '../deploy/stack-deployer.ts';
import type { StackEvent } from '../deploy/types.ts';

/**
 * Finishes the stack operations a stopped engine left under way (see StackDeployer.resumeInterrupted)
 * once every service is up, before the engine is handed out. An operation that fails on resume
 * leaves its stack failed (with the error naming the fix), never a stopped start.
 */
export async function resumeDeploys(
  deployer: StackDeployer,
  onEvent: ((event: StackEvent) => void) | undefined,
  warn: (message: string) => void,
): Promise<void> {
  for (const outcome of await deployer.resumeInterrupted(onEvent)) {
    if (outcome.error) {
      warn(
        `resuming the ${outcome.operation} of stack ${outcome.stackName} failed: ${outcome.error.message}`,
      );
    }
  }
}
