import { writeFileSync } from 'node:fs';
import { bundleFunction } from './bundle-function.ts';
import { MAX_TEMPLATE_BYTES, renderTemplate, TEMPLATE_PATH } from './render-template.ts';

// `npm run synth`: bundle the function, render the stack (cdk-nag and CDK's CloudFormation
// validator on), refuse any finding or an oversize template, then write lib/TapStack.json.
const started = performance.now();
const code = bundleFunction();
const { json, findings } = renderTemplate(code, { cfnValidation: true });
const templateBytes = Buffer.byteLength(json);
console.log(`function bundle: ${Buffer.byteLength(code)} bytes`);
console.log(`template: ${templateBytes} bytes (limit ${MAX_TEMPLATE_BYTES})`);
if (findings.length > 0) {
  console.error(findings.join('\n'));
  throw new Error(`${findings.length} validation finding(s); template not written`);
}
if (templateBytes > MAX_TEMPLATE_BYTES) {
  throw new Error(
    `template is ${templateBytes} bytes, over the ${MAX_TEMPLATE_BYTES}-byte inline deploy limit`,
  );
}
writeFileSync(TEMPLATE_PATH, json);
console.log(`wrote ${TEMPLATE_PATH} in ${Math.round(performance.now() - started)} ms`);
