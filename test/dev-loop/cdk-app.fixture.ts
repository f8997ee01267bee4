/**
 * A small CDK app for the dev loop's CDK-mode test: the test copies it to a temporary project's
 * infra/src/synth.ts beside a package.json whose `synth` script is the project's own
 * (`tsx infra/src/synth.ts`), so `tapstack up --watch` re-synthesizes it through `npm run synth`
 * as it does the real app. It is the project's app made small: the same App settings (no CDK
 * CloudFormation validator, which alone takes 15 s; no tree or path metadata) and a table that
 * keeps data, so a synth costs seconds, not the real app's cdk-nag and validator run.
 *
 * The template records the npm script that wrote it (`npm_lifecycle_event`), so the test can tell
 * a template written by `npm run synth` from one written any other way.
 */
import { writeFileSync } from 'node:fs';
import { App, BootstraplessSynthesizer, CfnOutput, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table } from 'aws-cdk-lib/aws-dynamodb';

const app = new App({
  analyticsReporting: false,
  stackTraces: false,
  treeMetadata: false,
  builtinCloudFormationValidation: false,
  context: { 'aws:cdk:enable-path-metadata': false },
});
const stack = new Stack(app, 'DevLoopStack', {
  synthesizer: new BootstraplessSynthesizer(),
  analyticsReporting: false,
});
stack.templateOptions.metadata = { SynthesizedBy: `npm run ${process.env.npm_lifecycle_event ?? '(none)'}` };

const greeting = new CfnParameter(stack, 'Greeting', { type: 'String', default: 'hello' });
const table = new Table(stack, 'Items', {
  partitionKey: { name: 'id', type: AttributeType.STRING },
  billingMode: BillingMode.PAY_PER_REQUEST,
  removalPolicy: RemovalPolicy.RETAIN,
});
new CfnOutput(stack, 'TableName', { value: table.tableName });
new CfnOutput(stack, 'GreetingOut', { value: greeting.valueAsString });

const template = app.synth().getStackByName(stack.stackName).template;
writeFileSync('lib/TapStack.json', `${JSON.stringify(template)}\n`);
