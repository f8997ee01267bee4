import { describe, expect, it } from 'vitest';
import { formatChange } from './change-set.ts';

describe('one change-set line for diff, deploy and the dev loop', () => {
  it('marks each action and names the property forcing a replacement', () => {
    // Act
    const lines = [
      formatChange(
        { action: 'Add', logicalId: 'Queue', resourceType: 'AWS::SQS::Queue', properties: [] },
        false,
      ),
      formatChange(
        { action: 'Replace', logicalId: 'Queue', resourceType: 'AWS::SQS::Queue', properties: ['QueueName'] },
        false,
      ),
      formatChange(
        { action: 'Remove', logicalId: 'Topic', resourceType: 'AWS::SNS::Topic', properties: [] },
        false,
      ),
    ];
    // Assess
    expect(lines[0]).toMatch(/^ {2}\+ Add +AWS::SQS::Queue +Queue$/);
    expect(lines[1]).toMatch(/^ {2}± Replace +AWS::SQS::Queue +Queue +\(QueueName forces replacement\)$/);
    expect(lines[2]).toMatch(/^ {2}- Remove +AWS::SNS::Topic +Topic$/);
  });

  it('says when a Modify may replace, and when an old resource without counted data is retained', () => {
    // Act
    const modify = formatChange(
      {
        action: 'Modify',
        logicalId: 'Fn',
        resourceType: 'AWS::Lambda::Function',
        properties: ['Role'],
        mayReplace: true,
      },
      false,
    );
    const retained = formatChange(
      {
        action: 'Remove',
        logicalId: 'Bucket',
        resourceType: 'AWS::S3::Bucket',
        physicalId: 'my-bucket',
        properties: [],
        oldResourcePolicy: 'Retain',
      },
      false,
    );
    // Assess
    expect(modify).toContain('(changes Role; may replace, depending on a replaced resource)');
    expect(retained).toContain('(the old resource my-bucket is retained)');
  });
});
