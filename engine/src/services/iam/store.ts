import { randomBytes } from 'node:crypto';
import { StateFile } from '../../runtime/state-file.ts';
import { objectWith } from '../../runtime/state-file-error.ts';
import { iamErrors } from './errors.ts';
import { parsePolicyDocument } from './policy-document.ts';

/** A role as IAM's GetRole describes it, plus its policies. */
export interface RoleRecord {
  readonly roleName: string;
  readonly roleId: string;
  readonly arn: string;
  readonly path: string;
  /** ISO-8601, from the engine clock. */
  readonly createDate: string;
  readonly description?: string;
  readonly maxSessionDuration: number;
  readonly assumeRolePolicyDocument: unknown;
  /** Inline policies set on the role itself (the role's `Policies`, PutRolePolicy). */
  readonly inlinePolicies: Readonly<Record<string, unknown>>;
  readonly managedPolicyArns: readonly string[];
  readonly tags: readonly { readonly Key: string; readonly Value: string }[];
}

/** An `AWS::IAM::Policy`: one inline policy document put on several roles. */
export interface StandalonePolicy {
  readonly document: unknown;
  readonly roleNames: readonly string[];
}

export interface IamState {
  /** Secret seed that session credentials are derived from; random per data directory. */
  readonly seed: string;
  readonly roles: Record<string, RoleRecord>;
  readonly policies: Record<string, StandalonePolicy>;
  /** accessKeyId -> the role session it was issued for. */
  readonly sessions: Record<string, { readonly roleArn: string; readonly sessionName: string }>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `AROA` + 17 characters: the shape of a role's unique id. */
export function newRoleId(): string {
  const bytes = randomBytes(17);
  let id = 'AROA';
  for (const byte of bytes) id += ALNUM[byte % ALNUM.length];
  return id;
}

/** Parses a document only to reject it early; the document is stored as given (JSON text parsed). */
export function checkedDocument(document: unknown, what: string): unknown {
  try {
    parsePolicyDocument(document);
  } catch (error) {
    throw iamErrors.malformedPolicyDocument(`${what}: ${(error as Error).message}`);
  }
  return typeof document === 'string' ? JSON.parse(document) : document;
}

/** The IAM control-plane state in one atomic JSON file. */
export class RoleStore {
  private readonly file: StateFile<IamState>;
  readonly state: IamState;

  constructor(path: string) {
    this.file = new StateFile<IamState>(
      path,
      () => ({
        seed: randomBytes(32).toString('hex'),
        roles: {},
        policies: {},
        sessions: {},
      }),
      objectWith({ seed: 'string', roles: 'object', policies: 'object', sessions: 'object' }),
    );
    // Loading writes nothing (a start refused for damage elsewhere must leave this file as it was).
    // The seed still reaches the disk before any credential derived from it: credentials are only
    // issued for a role, and creating a role, like issuing a new session, saves the state.
    this.state = this.file.load();
  }

  save(): void {
    this.file.save(this.state);
  }

  /** Role names are unique without regard to case in IAM. */
  findRole(roleName: string): RoleRecord | undefined {
    const wanted = roleName.toLowerCase();
    return Object.values(this.state.roles).find((r) => r.roleName.toLowerCase() === wanted);
  }

  findRoleByArn(roleArn: string): RoleRecord | undefined {
    return Object.values(this.state.roles).find((r) => r.arn === roleArn);
  }
}
