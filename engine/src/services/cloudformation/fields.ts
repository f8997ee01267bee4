/** Input rules the write operations share, as CloudFormation's API reference declares them. */
import { CAPABILITIES } from './capabilities.ts';

export const TEMPLATE_FIELDS = {
  /** 51,200 bytes is AWS's limit for an inline template. */
  TemplateBody: { type: 'string', minLength: 1, maxLength: 51_200 },
  TemplateURL: { type: 'string', minLength: 1, maxLength: 5120 },
} as const;

export const PARAMETERS = {
  type: 'list',
  member: {
    type: 'structure',
    fields: {
      ParameterKey: { type: 'string' },
      ParameterValue: { type: 'string' },
      UsePreviousValue: { type: 'boolean' },
      ResolvedValue: { type: 'string' },
    },
  },
} as const;

export const CAPABILITY_LIST = {
  type: 'list',
  member: { type: 'string', enum: CAPABILITIES },
} as const;

export const TAGS = {
  type: 'list',
  maxItems: 50,
  member: {
    type: 'structure',
    fields: {
      Key: { type: 'string', required: true, minLength: 1, maxLength: 128 },
      Value: { type: 'string', required: true, maxLength: 256 },
    },
  },
} as const;

/** Change set names: a letter, then letters, digits and hyphens, at most 128. */
export const CHANGE_SET_NAME = {
  type: 'string',
  minLength: 1,
  maxLength: 1600,
  pattern: /^(?:[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/]*)$/,
} as const;

export const tagMap = (tags: readonly { Key: string; Value: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((t) => [t.Key, t.Value]));
