// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Fn::Sub strings use CloudFormation's ${} syntax
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../template/parse-template.ts';
import { TemplateError } from '../template/template-error.ts';
import { buildDependencyGraph, dependencyLevels } from './dependency-graph.ts';
import { collectReferences } from './references.ts';

type Json = Record<string, unknown>;
const template = (resources: Json, extra: Json = {}) =>
  parseTemplate(JSON.stringify({ ...extra, Resources: resources }));
const q = (properties: Json = {}, more: Json = {}) => ({ Type: 'Test::Q', Properties: properties, ...more });

describe('collectReferences', () => {
  it.each<[string, unknown, string[]]>([
    ['Ref', { Ref: 'A' }, ['Ref A']],
    ['pseudo parameters are not references', { Ref: 'AWS::Region' }, []],
    ['GetAtt list form', { 'Fn::GetAtt': ['A', 'Arn'] }, ['Fn::GetAtt A.Arn']],
    ['GetAtt string form', { 'Fn::GetAtt': 'A.Endpoint.Address' }, ['Fn::GetAtt A.Endpoint.Address']],
    [
      'Sub string form',
      { 'Fn::Sub': '${A}-${B.Arn}-${!C}-${AWS::StackName}' },
      ['Fn::Sub A', 'Fn::Sub B.Arn'],
    ],
    ['Sub list form skips locals', { 'Fn::Sub': ['${X}-${A}', { X: { Ref: 'B' } }] }, ['Ref B', 'Fn::Sub A']],
    [
      'nested in lists and objects',
      { a: [{ b: { Ref: 'A' } }, { 'Fn::Join': ['', [{ Ref: 'B' }]] }] },
      ['Ref A', 'Ref B'],
    ],
  ])('%s', (_name, value, expected) => {
    const found = collectReferences(value, 'P').map(
      (r) => `${r.kind} ${r.target}${r.attribute ? `.${r.attribute}` : ''}`,
    );
    expect(found).toEqual(expected);
  });

  it('follows only the chosen Fn::If branch when the condition is known', () => {
    const value = { 'Fn::If': ['C', { Ref: 'A' }, { Ref: 'B' }] };
    expect(collectReferences(value, 'P', () => true).map((r) => r.target)).toEqual(['A']);
    expect(collectReferences(value, 'P', () => false).map((r) => r.target)).toEqual(['B']);
    expect(collectReferences(value, 'P').map((r) => r.target)).toEqual(['A', 'B']);
  });
});

describe('buildDependencyGraph', () => {
  it('orders dependencies first and keeps template order between independent resources', () => {
    // Prepare
    const t = template({
      Api: q({ Name: { 'Fn::Sub': '${Fn.Arn}' } }),
      Fn: q({ Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Table: { Ref: 'Table' } }),
      Logs: q(),
      Role: q(),
      Table: q({}, { DependsOn: 'Logs' }),
    });
    // Act
    const graph = buildDependencyGraph(t, {});
    // Assess
    expect(graph.order).toEqual(['Logs', 'Role', 'Table', 'Fn', 'Api']);
    expect(dependencyLevels(graph)).toEqual([['Logs', 'Role'], ['Table'], ['Fn'], ['Api']]);
    expect(graph.attributeReferences.map((r) => `${r.from}->${r.target}.${r.attribute}`)).toEqual([
      'Api->Fn.Arn',
      'Fn->Role.Arn',
    ]);
  });

  it('leaves out resources whose condition is false and ignores the branch not taken', () => {
    const t = template(
      {
        Topic: q({}, { Condition: 'HasEmail' }),
        Alarm: q({ Actions: { 'Fn::If': ['HasEmail', [{ Ref: 'Topic' }], { Ref: 'AWS::NoValue' }] } }),
      },
      { Conditions: { HasEmail: { 'Fn::Equals': ['a', 'b'] } } },
    );
    const graph = buildDependencyGraph(t, { HasEmail: false });
    expect(graph.order).toEqual(['Alarm']);
    expect(graph.excluded).toEqual(['Topic']);
  });

  it.each<[string, Json, Record<string, boolean>, string, string[]]>([
    [
      'a cycle',
      { A: q({ x: { Ref: 'C' } }), B: q({ x: { Ref: 'A' } }), C: q({ x: { 'Fn::GetAtt': 'B.Arn' } }) },
      {},
      'Circular dependency between resources: [A, C, B]',
      ['A', 'C', 'B'],
    ],
    [
      'a self reference',
      { A: q({ x: { Ref: 'A' } }) },
      {},
      'Circular dependency between resources: [A]',
      ['A'],
    ],
    [
      'a dangling Ref',
      { A: q({ x: { Ref: 'Nope' } }) },
      {},
      'A refers to Nope (Ref), which is not declared',
      ['A', 'Nope'],
    ],
    [
      'a dangling GetAtt',
      { A: q({ x: { 'Fn::GetAtt': ['Nope', 'Arn'] } }) },
      {},
      'A refers to Nope (Fn::GetAtt)',
      ['A', 'Nope'],
    ],
    [
      'a dangling Sub variable',
      { A: q({ x: { 'Fn::Sub': '${Nope}' } }) },
      {},
      'A refers to Nope (Fn::Sub)',
      ['A', 'Nope'],
    ],
    [
      'a dangling DependsOn',
      { A: q({}, { DependsOn: ['Nope'] }) },
      {},
      'A refers to Nope (DependsOn)',
      ['A', 'Nope'],
    ],
    [
      'a dangling reference in an unused branch',
      { A: q({ x: { 'Fn::If': ['C', 1, { Ref: 'Nope' }] } }) },
      { C: true },
      'A refers to Nope',
      ['A', 'Nope'],
    ],
    [
      'a used reference to an excluded resource',
      { A: q({}, { Condition: 'C' }), B: q({ x: { Ref: 'A' } }) },
      { C: false },
      'B refers to A, which is not created because its condition is false',
      ['B', 'A'],
    ],
  ])('rejects %s, naming the logical ids', (_name, resources, conditions, message, ids) => {
    const hasConditions = Object.keys(conditions).length > 0;
    const t = template(resources, hasConditions ? { Conditions: { C: { 'Fn::Equals': ['a', 'a'] } } } : {});
    const failure = (() => {
      try {
        buildDependencyGraph(t, conditions);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(TemplateError);
    expect((failure as TemplateError).message).toContain(message);
    expect((failure as TemplateError).logicalIds).toEqual(ids);
  });

  it('rejects an output that refers to an undeclared resource', () => {
    const t = template({ A: q() }, { Outputs: { O: { Value: { 'Fn::GetAtt': ['B', 'Arn'] } } } });
    expect(() => buildDependencyGraph(t, {})).toThrow('Outputs.O refers to B (Fn::GetAtt)');
  });

  it('always puts every dependency before its dependent, for any acyclic template', () => {
    // Random DAGs: resource i may only depend on resources with a smaller index, declared in shuffled order.
    const dag = fc
      .integer({ min: 1, max: 12 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: n, maxLength: n }),
          fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(dag, ([edges, declared]) => {
        const deps = edges.map((targets, i) => (i === 0 ? [] : [...new Set(targets.map((t) => t % i))]));
        const resources = Object.fromEntries(
          declared.map((i) => [`R${i}`, q({ x: (deps[i] ?? []).map((d) => ({ Ref: `R${d}` })) })]),
        );
        const order = buildDependencyGraph(template(resources), {}).order;
        expect(order).toHaveLength(declared.length);
        for (const [i, targets] of deps.entries()) {
          for (const d of targets) expect(order.indexOf(`R${d}`)).toBeLessThan(order.indexOf(`R${i}`));
        }
      }),
    );
  });
});
