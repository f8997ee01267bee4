/**
 * Capabilities a template needs: IAM resources need CAPABILITY_IAM, IAM resources with custom
 * names need CAPABILITY_NAMED_IAM. Checked before anything is created, as CloudFormation does.
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/control-access-with-iam.html#using-iam-capabilities
 */
import type { Template } from '../../template/types.ts';
import { cloudformationErrors } from './errors.ts';

/** IAM types, with the property that gives each a custom name. */
const IAM_TYPES: Readonly<Record<string, string | undefined>> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::RolePolicy': undefined,
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserToGroupAddition': undefined,
};

export const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

export interface RequiredCapabilities {
  /** Empty, ['CAPABILITY_IAM'] or ['CAPABILITY_NAMED_IAM']. */
  readonly capabilities: readonly string[];
  /** GetTemplateSummary's CapabilitiesReason. */
  readonly reason?: string;
}

export function requiredCapabilities(template: Template): RequiredCapabilities {
  const iam = template.resources.filter((r) => Object.hasOwn(IAM_TYPES, r.type));
  if (iam.length === 0) return { capabilities: [] };
  const named = iam.some((r) => {
    const nameProperty = IAM_TYPES[r.type];
    return nameProperty !== undefined && r.properties[nameProperty] !== undefined;
  });
  const types = [...new Set(iam.map((r) => r.type))];
  return {
    capabilities: [named ? 'CAPABILITY_NAMED_IAM' : 'CAPABILITY_IAM'],
    reason: `The following resource(s) require capabilities: [${types.join(', ')}]`,
  };
}

/** Throws InsufficientCapabilitiesException unless `given` acknowledges what the template needs. */
export function checkCapabilities(template: Template, given: readonly string[]): void {
  const [needed] = requiredCapabilities(template).capabilities;
  if (needed === undefined) return;
  if (given.includes('CAPABILITY_NAMED_IAM')) return;
  if (needed === 'CAPABILITY_IAM' && given.includes('CAPABILITY_IAM')) return;
  throw cloudformationErrors.insufficientCapabilities(needed);
}
