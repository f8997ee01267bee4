import { App, BootstraplessSynthesizer, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';
import { TapStack } from './tap-stack.ts';

/** Template description (the seed's, which still describes the stack). */
export const STACK_DESCRIPTION =
  'Serverless infrastructure with Lambda, API Gateway, DynamoDB, and S3 for handling HTTP requests';

/**
 * The cdk-nag packs this project must pass. cdk-nag 3 runs them as CDK validation plugins:
 * unacknowledged errors fail synthesis; acknowledgments use `Validations.of(construct).acknowledge`.
 * @see https://github.com/cdklabs/cdk-nag/blob/main/RULES.md
 */
export function nagPacks(): NagPack[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()];
}

/** Options for {@link createApp}. */
export interface CreateAppOptions {
  /** Bundled function source to inline. */
  readonly functionCode: string;
  /** Run the cdk-nag AwsSolutions and Serverless packs (default true). */
  readonly nag?: boolean;
  /** Run CDK's built-in CloudFormation validator during synth (slow; default false, cfn-lint covers it). */
  readonly cfnValidation?: boolean;
}

/**
 * Builds the CDK app and its one stack, configured for a self-contained template: no bootstrap
 * version parameter or rule (BootstraplessSynthesizer, which also refuses assets), no CDKMetadata
 * resource, no construct-path metadata, no stack traces.
 * @see https://docs.aws.amazon.com/cdk/v2/guide/bootstrapping.html
 */
export function createApp(options: CreateAppOptions): { app: App; stack: TapStack } {
  const app = new App({
    analyticsReporting: false,
    stackTraces: false,
    treeMetadata: false,
    builtinCloudFormationValidation: options.cfnValidation ?? false,
    context: { 'aws:cdk:enable-path-metadata': false },
  });
  const stack = new TapStack(app, 'TapStack', {
    functionCode: options.functionCode,
    description: STACK_DESCRIPTION,
    synthesizer: new BootstraplessSynthesizer(),
    analyticsReporting: false,
  });
  if (options.nag ?? true) {
    Validations.of(app).addPlugins(...nagPacks());
  }
  return { app, stack };
}
