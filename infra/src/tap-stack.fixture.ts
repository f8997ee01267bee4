import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from './app.ts';
import type { TapStack } from './tap-stack.ts';

/** Stand-in function source: construct tests check wiring, not the bundled code. */
export const FIXTURE_CODE = 'exports.handler=async()=>({statusCode:200});';

/** Builds the full stack without validation plugins (fast) and returns it with its template. */
export function synthTapStack(): { stack: TapStack; template: Template } {
  const { stack } = createApp({ functionCode: FIXTURE_CODE, nag: false });
  return { stack, template: Template.fromStack(stack) };
}

/** A bare stack for testing one construct in isolation. */
export function bareStack(): Stack {
  return new Stack(new App({ analyticsReporting: false, builtinCloudFormationValidation: false }), 'Test');
}

/** Every resource of one type, keyed by logical ID. */
export function resourcesOfType(template: Template, type: string): Record<string, Record<string, unknown>> {
  return template.findResources(type) as Record<string, Record<string, unknown>>;
}
