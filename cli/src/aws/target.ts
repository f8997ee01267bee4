/**
 * Where the inspection commands point: the local cloud by default, or the real AWS account with
 * `--aws` (credentials and Region from the usual AWS configuration). Every command talks through
 * AWS SDK clients, so the same code inspects both.
 */
export interface TargetOptions {
  readonly aws?: boolean;
  readonly endpointUrl?: string;
  readonly region?: string;
  readonly stackName: string;
}

export interface ClientConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
}

export const DEFAULT_LOCAL_ENDPOINT = 'http://127.0.0.1:4566';

export function clientConfig(options: TargetOptions): ClientConfig {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  if (options.aws) return { region };
  return {
    region,
    endpoint: options.endpointUrl ?? process.env.TAPSTACK_ENDPOINT_URL ?? DEFAULT_LOCAL_ENDPOINT,
    // The local cloud accepts any key as the account root; real keys are never needed or sent.
    credentials: { accessKeyId: 'tapstack-local', secretAccessKey: 'tapstack-local' },
  };
}
