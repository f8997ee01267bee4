// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../template/template-error.ts';
import { IntrinsicError } from './intrinsic-error.ts';
import { testContext } from './resolution-context.fixture.ts';
import { resolveValue } from './resolve.ts';

const ctx = testContext();
const resolve = (value: unknown) => resolveValue(value, ctx, 'P');

/** Text without `${`, so Fn::Sub has nothing to substitute. */
const plainText = fc.string().filter((s) => !s.includes('${'));

/** Random nested values mixing JSON and intrinsic calls with arbitrary (often wrong) arguments. */
const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
    fc.constantFrom(
      'Env',
      'Queue',
      'Zones',
      'Yes',
      'No',
      'AWS::Region',
      'AWS::NoValue',
      'Missing',
      'Queue.Arn',
    ),
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'Condition'), tie('tree'), { maxKeys: 2 }),
    fc
      .tuple(
        fc.constantFrom(
          'Ref',
          'Fn::GetAtt',
          'Fn::Sub',
          'Fn::Join',
          'Fn::Select',
          'Fn::Split',
          'Fn::If',
          'Fn::Equals',
          'Fn::And',
          'Fn::Or',
          'Fn::Not',
          'Fn::FindInMap',
          'Fn::Base64',
          'Fn::GetAZs',
          'Fn::ImportValue',
          'Fn::Cidr',
          'Fn::Bogus',
        ),
        tie('tree'),
      )
      .map(([name, args]) => ({ [name]: args })),
  ),
}));

describe('intrinsic resolution properties', () => {
  it('Fn::Join then Fn::Split with the same delimiter gives the parts back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(',', '|', '::', '\n', '-'),
        fc.array(fc.string(), { minLength: 1 }),
        (delimiter, raw) => {
          // Parts must not contain the delimiter's characters, or splitting cannot tell them apart.
          const parts = raw.map((p) => p.replace(/[,|:\n-]/g, ''));
          const joined = { 'Fn::Join': [delimiter, parts] };
          expect(resolve({ 'Fn::Split': [delimiter, joined] })).toEqual(parts);
        },
      ),
    );
  });

  it('Fn::Sub of text without variables is the text itself', () => {
    fc.assert(
      fc.property(plainText, (text) => {
        expect(resolve({ 'Fn::Sub': text })).toBe(text);
      }),
    );
  });

  it('Fn::Sub turns every ${!x} escape into a literal ${x}', () => {
    fc.assert(
      fc.property(
        fc.array(
          plainText.filter((s) => !s.includes('}') && !s.includes('$')),
          { maxLength: 4 },
        ),
        (names) => {
          const text = names.map((n) => `\${!${n}}`).join('/');
          expect(resolve({ 'Fn::Sub': text })).toBe(names.map((n) => `\${${n}}`).join('/'));
        },
      ),
    );
  });

  it('Fn::Select picks what indexing picks', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1 }), fc.nat(), (items, n) => {
        const index = n % items.length;
        expect(resolve({ 'Fn::Select': [String(index), items] })).toBe(items[index]);
      }),
    );
  });

  it('Fn::Base64 round-trips through Buffer', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(Buffer.from(resolve({ 'Fn::Base64': text }) as string, 'base64').toString('utf8')).toBe(
          Buffer.from(text, 'utf8').toString('utf8'),
        );
      }),
    );
  });

  it('resolution is deterministic and fails only with template or intrinsic errors', () => {
    fc.assert(
      fc.property(tree, (value) => {
        const attempt = () => {
          try {
            return { ok: true as const, value: resolve(value) };
          } catch (error) {
            return { ok: false as const, error };
          }
        };
        const first = attempt();
        const second = attempt();
        if (!first.ok) {
          expect(first.error instanceof IntrinsicError || first.error instanceof TemplateError).toBe(true);
          expect(second.ok).toBe(false);
          expect((second as { error: Error }).error.message).toBe((first.error as Error).message);
        } else {
          expect(second).toEqual(first);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
