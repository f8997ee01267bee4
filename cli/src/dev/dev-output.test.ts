import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatChange } from '../format/change-set.ts';
import { refreshTemplateCode } from './template-code.ts';

const replaceTable = {
  action: 'Replace',
  logicalId: 'RequestDataTable',
  resourceType: 'AWS::DynamoDB::Table',
  physicalId: 'requests',
  properties: ['TableName'],
} as const;

describe('change-set lines', () => {
  it.each([
    ['Retain', 'replaces RequestDataTable: 1,234 items will be left in the retained table requests'],
    ['Delete', 'replaces RequestDataTable: 1,234 items will be DELETED with the old table requests'],
  ] as const)('says what a replaced table holds with UpdateReplacePolicy %s', (policy, expected) => {
    // Act
    const line = formatChange({ ...replaceTable, oldResourcePolicy: policy }, false, {
      count: 1234,
      noun: 'items',
      container: 'table',
    });
    // Assess
    expect(line).toMatch(/^ {2}± Replace +AWS::DynamoDB::Table +RequestDataTable +\(/);
    expect(line).toContain('TableName forces replacement');
    expect(line).toContain(expected);
  });

  it('lists the changed properties of a Modify', () => {
    // Act
    const line = formatChange(
      {
        action: 'Modify',
        logicalId: 'HttpApiStage',
        resourceType: 'AWS::ApiGatewayV2::Stage',
        properties: ['DefaultRouteSettings'],
      },
      false,
    );
    // Assess
    expect(line).toContain('(changes DefaultRouteSettings)');
  });
});

describe('keeping the synthesized template current on function saves', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces the embedded bundle with the bytes a synth would write, and refuses what it cannot place', () => {
    // Prepare
    dir = mkdtempSync(join(tmpdir(), 'tapstack-template-'));
    const path = join(dir, 'TapStack.json');
    const render = (code: string) =>
      `${JSON.stringify({ Resources: { Fn: { Properties: { Code: { ZipFile: code } } } } })}\n`;
    writeFileSync(path, render('old "code"\n'));
    // Act
    const written = refreshTemplateCode(path, 'old "code"\n', 'new\tcode');
    const missing = refreshTemplateCode(path, 'old "code"\n', 'other');
    const tooLarge = refreshTemplateCode(path, 'new\tcode', 'x'.repeat(60_000));
    // Assess
    expect(written).toBe('written');
    expect(missing).toBe('not-found');
    expect(tooLarge).toBe('too-large');
    expect(readFileSync(path, 'utf8')).toBe(render('new\tcode'));
  });
});
