import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT } from '../runtime/account.ts';
import {
  generatePhysicalName,
  optionalBoolean,
  optionalList,
  optionalNumber,
  optionalObject,
  PropertyError,
  type ProviderContext,
  type ResourceProvider,
  readTags,
  requireNumber,
  requireString,
} from './provider.ts';
import { createRegistry } from './registry.ts';

const ctx: ProviderContext = {
  logicalId: 'MyQueue',
  resourceType: 'AWS::SQS::Queue',
  stackName: 'app',
  stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/app/1',
  account: DEFAULT_ACCOUNT,
};

const failure = (run: () => unknown): PropertyError => {
  try {
    run();
  } catch (error) {
    if (error instanceof PropertyError) return error;
    throw error;
  }
  throw new Error('expected a PropertyError');
};

describe('property helpers', () => {
  it('read the CloudFormation spellings of strings, numbers and booleans', () => {
    const props = { Name: 'q', Count: '5', Delay: 3, Fifo: 'true', Off: false, Items: [1], Policy: { a: 1 } };
    expect(requireString(props, 'Name', ctx)).toBe('q');
    expect(requireString(props, 'Delay', ctx)).toBe('3');
    expect(requireNumber(props, 'Count', ctx)).toBe(5);
    expect(optionalNumber(props, 'Missing', ctx)).toBeUndefined();
    expect(optionalBoolean(props, 'Fifo', ctx)).toBe(true);
    expect(optionalBoolean(props, 'Off', ctx)).toBe(false);
    expect(optionalList(props, 'Items', ctx)).toEqual([1]);
    expect(optionalObject(props, 'Policy', ctx)).toEqual({ a: 1 });
  });

  it.each<[string, () => unknown, string]>([
    [
      'a missing required string',
      () => requireString({}, 'QueueName', ctx),
      'Resources.MyQueue.Properties.QueueName: is required',
    ],
    ['an object for a string', () => requireString({ QueueName: {} }, 'QueueName', ctx), 'expected a string'],
    [
      'text for a number',
      () => optionalNumber({ Delay: 'soon' }, 'Delay', ctx),
      'Resources.MyQueue.Properties.Delay: expected a number',
    ],
    ['a word for a boolean', () => optionalBoolean({ Fifo: 'yes' }, 'Fifo', ctx), 'expected a boolean'],
    ['a list for an object', () => optionalObject({ P: [] }, 'P', ctx), 'expected an object'],
    [
      'a bad tag',
      () => readTags({ Tags: [{ Key: 'a' }] }, ctx),
      'Resources.MyQueue.Properties.Tags.0: expected { Key',
    ],
  ])('name the logical id and property on %s', (_name, run, message) => {
    const error = failure(run);
    expect(error.message).toContain(message);
    expect(error.logicalId).toBe('MyQueue');
    expect(error.code).toBe('ValidationError');
  });

  it('reads tags in list and map form', () => {
    expect(readTags({ Tags: [{ Key: 'Env', Value: 'dev' }] }, ctx)).toEqual({ Env: 'dev' });
    expect(readTags({ Tags: { Env: 'dev' } }, ctx)).toEqual({ Env: 'dev' });
    expect(readTags({}, ctx)).toEqual({});
  });

  it('generates stack-logicalId-suffix names that fit the limit and differ each time', () => {
    const name = generatePhysicalName(ctx);
    expect(name).toMatch(/^app-MyQueue-[A-Z0-9]{13}$/);
    expect(generatePhysicalName(ctx)).not.toBe(name);
    const long = { ...ctx, stackName: 'S'.repeat(100), logicalId: 'L'.repeat(100) };
    const bucket = generatePhysicalName(long, { maxLength: 63, lowercase: true });
    expect(bucket).toHaveLength(63);
    expect(bucket).toBe(bucket.toLowerCase());
  });
});

describe('createRegistry', () => {
  const provider = (type: string): ResourceProvider => ({
    type,
    supportedProperties: [],
    supportedAttributes: [],
    create: async () => ({ physicalId: 'x', attributes: {} }),
    delete: async () => undefined,
  });

  it('maps each type to its provider and refuses two providers for one type', () => {
    const registry = createRegistry([provider('AWS::SQS::Queue'), provider('AWS::SNS::Topic')]);
    expect([...registry.keys()]).toEqual(['AWS::SQS::Queue', 'AWS::SNS::Topic']);
    expect(() => createRegistry([provider('AWS::SQS::Queue'), provider('AWS::SQS::Queue')])).toThrow(
      'two providers registered for AWS::SQS::Queue',
    );
  });
});
