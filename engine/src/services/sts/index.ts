/**
 * The local STS: only GetCallerIdentity, which the AWS CLI and SDK tooling call to learn the
 * account. https://docs.aws.amazon.com/STS/latest/APIReference/Welcome.html
 *
 * LIMITATIONS (what this does not emulate):
 * - AssumeRole and every other operation; session tokens (the engine issues role credentials to
 *   functions itself, see services/iam/credentials.ts).
 * - The role's unique id (AROA…) is derived from its ARN, not stored.
 */
export { stsServiceEntry } from './operation-table.ts';
