/**
 * The engine's IAM: roles, their policies, session credentials for roles, and policy evaluation
 * that other services call to decide a request.
 *
 * LIMITATIONS (what this does not emulate):
 * - Users, groups, instance profiles, permissions boundaries, session policies, SCPs/RCPs.
 * - Customer managed policies (`AWS::IAM::ManagedPolicy`); AWS managed policies other than those in
 *   managed-policies.ts are recorded and grant nothing (denials say so).
 * - Policy variables (`${aws:username}`) are matched literally.
 * - Cross-account access: every principal is in the engine's one account.
 * - Session credentials do not expire; trust policies are only checked when a caller asks
 *   (`issueCredentials(..., { assumedBy })`).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { join } from 'node:path';
import type { AccountContext } from '../../runtime/account.ts';
import { arnResourceName } from '../../runtime/arn.ts';
import type { Clock } from '../../runtime/clock.ts';
import { type AuthorizationResult, authorizeRequest, type CallerIdentity } from './authorize.ts';
import type { RequestContext } from './conditions.ts';
import { deriveCredentials, type SessionCredentials } from './credentials.ts';
import { iamErrors } from './errors.ts';
import { evaluateResourcePolicy } from './resource-policy.ts';
import { collectRolePolicies, type RolePolicies } from './role-policies.ts';
import { checkedDocument, newRoleId, type RoleRecord, RoleStore } from './store.ts';

export interface IamServiceOptions {
  /** The service's directory; state lives in `<dataDir>/iam.json`. */
  readonly dataDir: string;
  readonly account: AccountContext;
  readonly clock: Clock;
}

/** https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html (plus the role's policies, as CloudFormation sets them). */
export interface CreateRoleInput {
  /** The physical name; CloudFormation-style names are the provider's to generate. Default: a random `Role-...` name. */
  readonly roleName?: string;
  readonly assumeRolePolicyDocument: unknown;
  readonly policies?: readonly { readonly policyName: string; readonly policyDocument: unknown }[];
  readonly managedPolicyArns?: readonly string[];
  readonly path?: string;
  readonly description?: string;
  readonly maxSessionDuration?: number;
  readonly tags?: readonly { readonly Key: string; readonly Value: string }[];
}

/** What a role update may replace (CloudFormation's updatable `AWS::IAM::Role` properties). */
export type UpdateRoleInput = Partial<Omit<CreateRoleInput, 'roleName' | 'path'>>;

const NAME = /^[\w+=,.@-]{1,64}$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export class IamService {
  private readonly store: RoleStore;
  /** Parsed policies per role name (lower case); dropped on every change. */
  private readonly parsed = new Map<string, RolePolicies>();
  /**
   * Derived session credentials by seed, role and session name. Derivation is a pure function of
   * those (six HMACs), and the edge asks for a key's secret on every signed request.
   */
  private readonly derived = new Map<string, SessionCredentials>();

  constructor(private readonly options: IamServiceOptions) {
    this.store = new RoleStore(join(options.dataDir, 'iam.json'));
  }

  /** Creates a role with its inline and managed policies; the name is the caller's (CloudFormation generates one). */
  createRole(input: CreateRoleInput): { roleName: string; arn: string; roleId: string } {
    const roleName = input.roleName ?? `Role-${newRoleId().slice(4)}`;
    if (!NAME.test(roleName))
      throw iamErrors.invalidInput(`Role name ${roleName} must be 1-64 characters of [\\w+=,.@-]`);
    const path = input.path ?? '/';
    if (!/^\/([\x21-\x7e]*\/)?$/.test(path) || path.length > 512) {
      throw iamErrors.invalidInput(`Path ${path} must begin and end with /`);
    }
    if (this.store.findRole(roleName))
      throw iamErrors.entityAlreadyExists(`Role with name ${roleName} already exists.`);
    const { partition, accountId } = this.options.account;
    const role: RoleRecord = {
      roleName,
      roleId: newRoleId(),
      arn: `arn:${partition}:iam::${accountId}:role${path}${roleName}`,
      path,
      createDate: new Date(this.options.clock.now()).toISOString(),
      maxSessionDuration: 3600,
      ...this.roleFields(input),
      assumeRolePolicyDocument: checkedDocument(input.assumeRolePolicyDocument, 'AssumeRolePolicyDocument'),
      inlinePolicies: this.inlinePolicies(input.policies ?? []),
    };
    this.store.state.roles[roleName] = role;
    this.changed();
    return { roleName, arn: role.arn, roleId: role.roleId };
  }

  getRole(roleName: string): RoleRecord {
    const role = this.store.findRole(roleName);
    if (!role) throw iamErrors.noSuchEntity(`The role with name ${roleName} cannot be found.`);
    return role;
  }

  listRoles(): RoleRecord[] {
    return Object.values(this.store.state.roles);
  }

  /** Replaces the given fields of a role; `policies` replaces the role's own inline policies as a set. */
  updateRole(roleName: string, patch: UpdateRoleInput): RoleRecord {
    const role = this.getRole(roleName);
    const updated: RoleRecord = {
      ...role,
      ...this.roleFields({ ...role, ...patch }),
      ...(patch.assumeRolePolicyDocument !== undefined && {
        assumeRolePolicyDocument: checkedDocument(patch.assumeRolePolicyDocument, 'AssumeRolePolicyDocument'),
      }),
      ...(patch.policies !== undefined && { inlinePolicies: this.inlinePolicies(patch.policies) }),
    };
    this.store.state.roles[role.roleName] = updated;
    this.changed();
    return updated;
  }

  /** Deletes a role and its own policies; refuses while an `AWS::IAM::Policy` is still attached (as IAM does). */
  deleteRole(roleName: string): void {
    const role = this.getRole(roleName);
    const attached = Object.entries(this.store.state.policies).filter(([, p]) =>
      p.roleNames.some((r) => r.toLowerCase() === role.roleName.toLowerCase()),
    );
    if (attached.length > 0) {
      throw iamErrors.deleteConflict(
        `Cannot delete entity, must delete policies first. (${attached.map(([name]) => name).join(', ')} still attached)`,
      );
    }
    // Sessions stay recorded: a key still held by a caller must keep naming its (deleted) role,
    // so authorize denies it, rather than become unknown.
    delete this.store.state.roles[role.roleName];
    this.changed();
  }

  /**
   * Every inline policy on the role by name: its own and the `AWS::IAM::Policy` documents put on
   * it (CloudFormation creates those with PutRolePolicy, so IAM lists them alike).
   */
  inlinePoliciesOf(roleName: string): Readonly<Record<string, unknown>> {
    const role = this.getRole(roleName);
    const lower = role.roleName.toLowerCase();
    const attached = Object.entries(this.store.state.policies).filter(([, p]) =>
      p.roleNames.some((r) => r.toLowerCase() === lower),
    );
    return { ...Object.fromEntries(attached.map(([name, p]) => [name, p.document])), ...role.inlinePolicies };
  }

  /** https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html */
  putRolePolicy(roleName: string, policyName: string, policyDocument: unknown): void {
    const role = this.getRole(roleName);
    if (!NAME.test(policyName))
      throw iamErrors.invalidInput(`Policy name ${policyName} must be 1-64 characters of [\\w+=,.@-]`);
    const document = checkedDocument(policyDocument, `Policy ${policyName}`);
    this.store.state.roles[role.roleName] = {
      ...role,
      inlinePolicies: { ...role.inlinePolicies, [policyName]: document },
    };
    this.changed();
  }

  /** https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRolePolicy.html */
  deleteRolePolicy(roleName: string, policyName: string): void {
    const role = this.getRole(roleName);
    if (!Object.hasOwn(role.inlinePolicies, policyName)) {
      throw iamErrors.noSuchEntity(`The role policy with name ${policyName} cannot be found.`);
    }
    const { [policyName]: _removed, ...rest } = role.inlinePolicies;
    this.store.state.roles[role.roleName] = { ...role, inlinePolicies: rest };
    this.changed();
  }

  /**
   * Puts one policy document on several roles, as `AWS::IAM::Policy` does; calling again with the
   * same name replaces its document and roles. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-iam-policy.html
   */
  attachInlinePolicy(policyName: string, policyDocument: unknown, roleNames: readonly string[]): void {
    if (!NAME.test(policyName))
      throw iamErrors.invalidInput(`Policy name ${policyName} must be 1-64 characters of [\\w+=,.@-]`);
    const roles = roleNames.map((name) => this.getRole(name).roleName);
    const document = checkedDocument(policyDocument, `Policy ${policyName}`);
    this.store.state.policies[policyName] = { document, roleNames: roles };
    this.changed();
  }

  /** Takes an `AWS::IAM::Policy` off the given roles, or off all of them (deleting it) when none are given. */
  detachInlinePolicy(policyName: string, roleNames?: readonly string[]): void {
    const policy = this.store.state.policies[policyName];
    if (!policy) throw iamErrors.noSuchEntity(`The policy with name ${policyName} cannot be found.`);
    const remove = new Set((roleNames ?? policy.roleNames).map((r) => r.toLowerCase()));
    const remaining = policy.roleNames.filter((r) => !remove.has(r.toLowerCase()));
    if (remaining.length === 0) delete this.store.state.policies[policyName];
    else this.store.state.policies[policyName] = { ...policy, roleNames: remaining };
    this.changed();
  }

  /**
   * Credentials for a session of `roleArn`, stable for the same role and session name (also across
   * restarts). With `assumedBy` (a service principal such as `lambda.amazonaws.com`) the role's trust
   * policy must allow that service `sts:AssumeRole`, else AccessDenied.
   * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
   */
  issueCredentials(
    roleArn: string,
    sessionName: string,
    options: { assumedBy?: string } = {},
  ): SessionCredentials {
    const role = this.store.findRoleByArn(roleArn);
    if (!role) throw iamErrors.noSuchEntity(`The role with ARN ${roleArn} cannot be found.`);
    if (!SESSION_NAME.test(sessionName))
      throw iamErrors.invalidInput(`Session name ${sessionName} must be 2-64 characters of [\\w+=,.@-]`);
    if (options.assumedBy !== undefined) {
      const trust = evaluateResourcePolicy(
        role.assumeRolePolicyDocument,
        { type: 'Service', service: options.assumedBy },
        'sts:AssumeRole',
        role.arn,
      );
      if (trust.effect !== 'Allow') {
        throw iamErrors.accessDenied(
          `${options.assumedBy} is not authorized to perform: sts:AssumeRole on resource: ${role.arn} (the role's trust policy does not allow it)`,
        );
      }
    }
    const credentials = this.derive(role.arn, sessionName);
    const known = this.store.state.sessions[credentials.accessKeyId];
    if (!known) {
      this.store.state.sessions[credentials.accessKeyId] = { roleArn: role.arn, sessionName };
      this.store.save();
    }
    return credentials;
  }

  /**
   * Who an access key belongs to. Keys not issued here are the account's root user (`test`, a
   * developer's own keys), except temporary-looking `ASIA...` keys, which are `unknown`: treating a
   * stale session key as root would turn a lost role into full access.
   */
  identify(accessKeyId: string): CallerIdentity {
    const session = this.store.state.sessions[accessKeyId];
    if (!session) return accessKeyId.startsWith('ASIA') ? { kind: 'unknown', accessKeyId } : { kind: 'root' };
    const roleName = arnResourceName(session.roleArn);
    return { kind: 'role', roleArn: session.roleArn, roleName, sessionName: session.sessionName };
  }

  /** The secret of an issued key, for SigV4 verification; undefined for keys not issued here. */
  secretFor(accessKeyId: string): string | undefined {
    return this.credentialsFor(accessKeyId)?.secretAccessKey;
  }

  /** The full credentials of an issued key (to check `X-Amz-Security-Token` too). */
  credentialsFor(accessKeyId: string): SessionCredentials | undefined {
    const session = this.store.state.sessions[accessKeyId];
    return session ? this.derive(session.roleArn, session.sessionName) : undefined;
  }

  private derive(roleArn: string, sessionName: string): SessionCredentials {
    const seed = this.store.state.seed;
    const key = `${seed}\n${roleArn}\n${sessionName}`;
    let credentials = this.derived.get(key);
    if (!credentials) {
      credentials = deriveCredentials(seed, roleArn, sessionName);
      if (this.derived.size >= 1024) this.derived.clear();
      this.derived.set(key, credentials);
    }
    return credentials;
  }

  /**
   * Decides a request. Role sessions need an identity-based Allow and no explicit Deny; the root
   * user is allowed by identity. A resource-based policy, when given, may allow on its own (same
   * account) and its explicit Deny applies to everyone, root included.
   */
  authorize(
    identity: CallerIdentity,
    action: string,
    resourceArn: string,
    context: RequestContext = {},
    options: { resourcePolicy?: unknown } = {},
  ): AuthorizationResult {
    const role = identity.kind === 'role' ? this.store.findRoleByArn(identity.roleArn) : undefined;
    return authorizeRequest({
      account: this.options.account,
      identity,
      role: role && this.policiesOf(role),
      action,
      resourceArn,
      context,
      resourcePolicy: options.resourcePolicy,
    });
  }

  private policiesOf(role: RoleRecord): RolePolicies {
    const key = role.roleName.toLowerCase();
    const cached = this.parsed.get(key);
    if (cached) return cached;
    const result = collectRolePolicies(role, this.store.state.policies);
    this.parsed.set(key, result);
    return result;
  }

  private roleFields(
    input: UpdateRoleInput,
  ): Pick<RoleRecord, 'managedPolicyArns' | 'tags'> &
    Partial<Pick<RoleRecord, 'description' | 'maxSessionDuration'>> {
    const duration = input.maxSessionDuration;
    if (duration !== undefined && (!Number.isInteger(duration) || duration < 3600 || duration > 43200)) {
      throw iamErrors.invalidInput('MaxSessionDuration must be an integer from 3600 to 43200 seconds');
    }
    return {
      managedPolicyArns: [...(input.managedPolicyArns ?? [])],
      tags: [...(input.tags ?? [])],
      ...(input.description !== undefined && { description: input.description }),
      ...(duration !== undefined && { maxSessionDuration: duration }),
    };
  }

  private inlinePolicies(list: CreateRoleInput['policies'] & object): Record<string, unknown> {
    return Object.fromEntries(
      list.map(({ policyName, policyDocument }) => {
        if (!NAME.test(policyName))
          throw iamErrors.invalidInput(`Policy name ${policyName} must be 1-64 characters of [\\w+=,.@-]`);
        return [policyName, checkedDocument(policyDocument, `Policy ${policyName}`)];
      }),
    );
  }

  private changed(): void {
    this.parsed.clear();
    this.store.save();
  }
}
