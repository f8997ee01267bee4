import { join } from 'node:path';
import { StackDeployer } from '../deploy/stack-deployer.ts';
import { allProviders } from '../providers/all-providers.ts';
import { CloudFormationService } from '../services/cloudformation/index.ts';
import type { EngineSettings } from './data-services.ts';
import type { EngineServices } from './engine-services.ts';
import { executeApiRewriter } from './execute-api-output.ts';
import { composeRewriters, localUrlRewriter } from './local-url-output.ts';
import { stackControlOf } from './stack-control.ts';
import { stackReaderOf } from './stack-reader.ts';

/**
 * The stack deployer over every service (through the resource providers) and the CloudFormation
 * API in front of it, both keeping their records under `cloudformation/`. Neither starts anything:
 * stack operations left under way are resumed once everything serves (resume-deploys.ts).
 */
export function openStacks(
  services: EngineServices,
  { account, clock, warn, dir }: EngineSettings,
): { deployer: StackDeployer; cloudFormation: CloudFormationService } {
  const { httpApi, sqs, s3 } = services;
  const deployer = new StackDeployer({
    statePath: join(dir('cloudformation'), 'stacks.json'),
    registry: allProviders(services),
    account,
    clock,
    rewriteOutput: composeRewriters(executeApiRewriter(httpApi), localUrlRewriter(httpApi, sqs)),
  });
  const cloudFormation = new CloudFormationService({
    reader: stackReaderOf(deployer),
    control: stackControlOf(
      deployer,
      (bucket, key) => s3.getObject({ bucket, key }).body.toString('utf8'),
      account,
    ),
    statePath: join(dir('cloudformation'), 'api.json'),
    now: () => clock.now(),
    onBackgroundError: (e) => warn(`stack operation failed: ${(e as Error).stack ?? String(e)}`),
  });
  return { deployer, cloudFormation };
}
