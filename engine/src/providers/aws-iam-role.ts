import type { IamService } from '../services/iam/index.ts';
import {
  asRecord,
  generatePhysicalName,
  optionalList,
  optionalNumber,
  optionalString,
  type ProviderContext,
  propertyError,
  type ResourceProvider,
  readTags,
} from './provider.ts';

type Props = Readonly<Record<string, unknown>>;

function readPolicies(ctx: ProviderContext, props: Props) {
  return (optionalList(props, 'Policies', ctx) ?? []).map((value, index) => {
    const policy = asRecord(value);
    if (typeof policy.PolicyName !== 'string')
      throw propertyError(ctx, `Policies.${index}.PolicyName`, 'is required');
    if (typeof policy.PolicyDocument !== 'object' || policy.PolicyDocument === null) {
      throw propertyError(ctx, `Policies.${index}.PolicyDocument`, 'is required');
    }
    return { policyName: policy.PolicyName, policyDocument: policy.PolicyDocument };
  });
}

function readRole(ctx: ProviderContext, props: Props) {
  if (typeof props.AssumeRolePolicyDocument !== 'object' || props.AssumeRolePolicyDocument === null) {
    throw propertyError(ctx, 'AssumeRolePolicyDocument', 'is required');
  }
  const description = optionalString(props, 'Description', ctx);
  const maxSession = optionalNumber(props, 'MaxSessionDuration', ctx);
  return {
    assumeRolePolicyDocument: props.AssumeRolePolicyDocument,
    policies: readPolicies(ctx, props),
    managedPolicyArns: (optionalList(props, 'ManagedPolicyArns', ctx) ?? []).map(String),
    tags: Object.entries(readTags(props, ctx)).map(([Key, Value]) => ({ Key, Value })),
    ...(description ? { description } : {}),
    ...(maxSession === undefined ? {} : { maxSessionDuration: maxSession }),
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-role.html */
export function iamRoleProvider(iam: IamService): ResourceProvider {
  return {
    type: 'AWS::IAM::Role',
    supportedProperties: [
      'RoleName',
      'AssumeRolePolicyDocument',
      'Policies',
      'ManagedPolicyArns',
      'Path',
      'Description',
      'MaxSessionDuration',
      'Tags',
    ],
    supportedAttributes: ['Arn', 'RoleId'],
    replacementProperties: ['RoleName', 'Path'],
    async create(ctx, props) {
      const roleName = optionalString(props, 'RoleName', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 });
      const path = optionalString(props, 'Path', ctx);
      const role = iam.createRole({ roleName, ...readRole(ctx, props), ...(path ? { path } : {}) });
      return { physicalId: role.roleName, attributes: { Arn: role.arn, RoleId: role.roleId } };
    },
    async find(ctx, props) {
      const roleName = optionalString(props, 'RoleName', ctx) ?? generatePhysicalName(ctx, { maxLength: 64 });
      const role = iam.listRoles().find((r) => r.roleName === roleName);
      return role ? { physicalId: roleName, attributes: { Arn: role.arn, RoleId: role.roleId } } : undefined;
    },
    async update(ctx, physicalId, props) {
      const role = iam.updateRole(physicalId, readRole(ctx, props));
      return { physicalId, attributes: { Arn: role.arn, RoleId: role.roleId } };
    },
    async delete(_ctx, physicalId) {
      if (iam.listRoles().some((r) => r.roleName === physicalId)) iam.deleteRole(physicalId);
    },
  };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-policy.html */
export function iamPolicyProvider(iam: IamService): ResourceProvider {
  const apply = (ctx: ProviderContext, props: Props, previous?: Props) => {
    const policyName = optionalString(props, 'PolicyName', ctx);
    if (!policyName) throw propertyError(ctx, 'PolicyName', 'is required');
    if (props.Users !== undefined || props.Groups !== undefined) {
      throw propertyError(
        ctx,
        props.Users !== undefined ? 'Users' : 'Groups',
        'only roles exist in the local cloud',
      );
    }
    const roles = (optionalList(props, 'Roles', ctx) ?? []).map(String);
    if (previous) iam.detachInlinePolicy(String(previous.PolicyName));
    iam.attachInlinePolicy(policyName, props.PolicyDocument, roles);
    return { physicalId: policyName, attributes: { Id: policyName } };
  };
  return {
    type: 'AWS::IAM::Policy',
    supportedProperties: ['PolicyName', 'PolicyDocument', 'Roles', 'Users', 'Groups'],
    supportedAttributes: ['Id'],
    async create(ctx, props) {
      return apply(ctx, props);
    },
    async update(ctx, _physicalId, props, previous) {
      return apply(ctx, props, previous);
    },
    async delete(_ctx, physicalId) {
      try {
        iam.detachInlinePolicy(physicalId);
      } catch (error) {
        if ((error as Error).name !== 'NoSuchEntity' && (error as Error).name !== 'NoSuchEntityException')
          throw error;
      }
    },
  };
}
