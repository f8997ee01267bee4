import { describe, expect, it } from 'vitest';
import { evaluateConditions } from './evaluate-conditions.ts';
import { testContext } from './resolution-context.fixture.ts';

const base = testContext();

describe('evaluateConditions', () => {
  it('evaluates conditions that use parameters, pseudo parameters, mappings and each other', () => {
    // Prepare
    const definitions = {
      HasAlarmEmail: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Env' }, ''] }] },
      IsUsEast1: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] },
      Both: { 'Fn::And': [{ Condition: 'HasAlarmEmail' }, { Condition: 'IsUsEast1' }] },
      BigMemory: { 'Fn::Equals': [{ 'Fn::FindInMap': ['Sizes', 'dev', 'Memory'] }, '256'] },
      Either: { 'Fn::Or': [{ Condition: 'BigMemory' }, { Condition: 'Later' }] },
      Later: { 'Fn::Equals': ['a', 'a'] },
    };
    // Act
    const result = evaluateConditions(definitions, base);
    // Assess
    expect(result).toEqual({
      HasAlarmEmail: true,
      IsUsEast1: true,
      Both: true,
      BigMemory: false,
      Either: true,
      Later: true,
    });
  });

  it('rejects circular conditions, naming them', () => {
    const definitions = {
      A: { 'Fn::Not': [{ Condition: 'B' }] },
      B: { 'Fn::Not': [{ Condition: 'A' }] },
    };
    expect(() => evaluateConditions(definitions, base)).toThrow('circular condition references: A -> B -> A');
  });

  it('rejects conditions that read resources or are not boolean', () => {
    expect(() => evaluateConditions({ A: { 'Fn::Equals': [{ Ref: 'Queue' }, 'x'] } }, base)).toThrow(
      "conditions cannot use resource 'Queue'",
    );
    expect(() => evaluateConditions({ A: 'true' }, base)).toThrow(
      'Conditions.A: expected a condition function',
    );
  });
});
