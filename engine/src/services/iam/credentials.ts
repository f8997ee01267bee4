import { createHmac } from 'node:crypto';

/** Temporary credentials as STS AssumeRole returns them (without the expiry: they do not expire here). */
export interface SessionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

const mac = (seed: string, label: string, roleArn: string, sessionName: string): Buffer =>
  createHmac('sha256', seed).update(`${label}\n${roleArn}\n${sessionName}`).digest();

/**
 * Credentials for one role session, derived from the engine's persisted secret seed: the same
 * role and session name always get the same keys, across restarts, with nothing else stored.
 * Shapes follow AWS: a 20-character `ASIA...` key id for temporary credentials, a 40-character
 * secret. https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids
 */
export function deriveCredentials(seed: string, roleArn: string, sessionName: string): SessionCredentials {
  const idBytes = mac(seed, 'access-key-id', roleArn, sessionName);
  let suffix = '';
  for (let i = 0; i < 16; i++) suffix += BASE32[(idBytes[i] ?? 0) % 32];
  const secret = mac(seed, 'secret', roleArn, sessionName).toString('base64').slice(0, 40);
  const token = Buffer.concat([
    mac(seed, 'token-1', roleArn, sessionName),
    mac(seed, 'token-2', roleArn, sessionName),
    mac(seed, 'token-3', roleArn, sessionName),
  ]).toString('base64');
  return { accessKeyId: `ASIA${suffix}`, secretAccessKey: secret, sessionToken: `IQoJb3JpZ2luX2VjE${token}` };
}
