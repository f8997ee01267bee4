/**
 * General purpose bucket naming rules.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 * Returns why a name is invalid, or undefined when it is valid.
 */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may only contain lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  if (name.includes('..')) return 'must not contain two adjacent periods';
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return 'must not be formatted as an IP address';
  for (const prefix of RESERVED_PREFIXES) if (name.startsWith(prefix)) return `must not start with ${prefix}`;
  for (const suffix of RESERVED_SUFFIXES) if (name.endsWith(suffix)) return `must not end with ${suffix}`;
  return undefined;
}

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'] as const;
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3'] as const;
