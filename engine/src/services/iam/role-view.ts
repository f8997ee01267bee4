import type { RoleRecord } from './store.ts';

/**
 * IAM returns policy documents URL-encoded (RFC 3986) inside the XML; the AWS CLI and the SDKs
 * decode them. https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html
 */
export const encodePolicy = (document: unknown): string =>
  encodeURIComponent(typeof document === 'string' ? document : JSON.stringify(document));

/** The `Role` shape of GetRole and ListRoles. */
export const roleView = (role: RoleRecord, withTags: boolean) => ({
  Path: role.path,
  RoleName: role.roleName,
  RoleId: role.roleId,
  Arn: role.arn,
  CreateDate: role.createDate,
  AssumeRolePolicyDocument: encodePolicy(role.assumeRolePolicyDocument),
  ...(role.description === undefined ? {} : { Description: role.description }),
  MaxSessionDuration: role.maxSessionDuration,
  ...(withTags && role.tags.length > 0
    ? { Tags: role.tags.map((t) => ({ Key: t.Key, Value: t.Value })) }
    : {}),
});

export const ROLE_NAME = {
  type: 'string',
  required: true,
  minLength: 1,
  maxLength: 64,
  pattern: /^[\w+=,.@-]+$/,
} as const;

/** IAM's Marker/MaxItems paging over a sorted list: the marker is the last name returned. */
export function page<T>(
  items: readonly T[],
  nameOf: (item: T) => string,
  marker: string | undefined,
  maxItems: number | undefined,
): { items: T[]; isTruncated: boolean; marker?: string } {
  const start = marker === undefined ? 0 : items.findIndex((item) => nameOf(item) > marker);
  const rest = start < 0 ? [] : items.slice(start);
  const limit = maxItems ?? 100;
  const taken = rest.slice(0, limit);
  const last = taken.at(-1);
  return rest.length > limit && last !== undefined
    ? { items: taken, isTruncated: true, marker: nameOf(last) }
    : { items: taken, isTruncated: false };
}
