import { reservedKeysIn } from './environment-vars.ts';
import { lambdaErrors } from './errors.ts';
import type { FunctionConfig } from './model.ts';
import { isValidFunctionName } from './names.ts';

/**
 * CreateFunction / UpdateFunctionConfiguration input rules the local cloud enforces.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
 */
export function validateFunctionConfig(config: FunctionConfig): void {
  if (!isValidFunctionName(config.name)) {
    throw lambdaErrors.invalidParameter(`Function name '${config.name}' must match [a-zA-Z0-9-_]{1,64}`);
  }
  if (!config.runtime.startsWith('nodejs')) {
    throw lambdaErrors.invalidParameter(
      `Runtime ${config.runtime} is not supported locally; only Node.js (nodejs*) functions run`,
    );
  }
  if (!/^[^.\s]+(\.[^.\s]+)+$/.test(config.handler)) {
    throw lambdaErrors.invalidParameter(`Handler '${config.handler}' must look like 'index.handler'`);
  }
  if (config.code.length === 0) throw lambdaErrors.invalidParameter('Code.ZipFile must not be empty');
  if (!Number.isInteger(config.timeoutSeconds) || config.timeoutSeconds < 1 || config.timeoutSeconds > 900) {
    throw lambdaErrors.invalidParameter(
      `Timeout ${config.timeoutSeconds} must be an integer from 1 to 900 seconds`,
    );
  }
  if (!Number.isInteger(config.memorySizeMb) || config.memorySizeMb < 128 || config.memorySizeMb > 10240) {
    throw lambdaErrors.invalidParameter(
      `MemorySize ${config.memorySizeMb} must be an integer from 128 to 10240 MB`,
    );
  }
  const reserved = reservedKeysIn(config.environment);
  if (reserved.length > 0) {
    throw lambdaErrors.invalidParameter(
      'Lambda was unable to configure your environment variables because the environment variables you have ' +
        `provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
    );
  }
  if (
    config.reservedConcurrency !== undefined &&
    (!Number.isInteger(config.reservedConcurrency) || config.reservedConcurrency < 0)
  ) {
    throw lambdaErrors.invalidParameter(
      `ReservedConcurrentExecutions ${config.reservedConcurrency} must be a non-negative integer`,
    );
  }
}
