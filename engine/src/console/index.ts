/** The local console: see console-server.ts. `startConsole` wires it to one running engine. */
import type { ClientConfig } from '../../../cli/src/aws/target.ts';
import { ConsoleServer } from './console-server.ts';
import type { LocalExtras } from './local-extras.ts';
import { ConsoleSource } from './source.ts';

export { CONSOLE_PREFIX, ConsoleServer } from './console-server.ts';
export type { LocalExtras } from './local-extras.ts';

export interface StartConsoleOptions {
  /** The AWS endpoint the console reads through (the engine's own). */
  readonly endpointUrl: string;
  readonly region?: string;
  readonly stackName: string;
  readonly host: string;
  readonly port: number;
  readonly extras: LocalExtras;
}

export function createConsole(options: StartConsoleOptions): ConsoleServer {
  const config: ClientConfig = {
    region: options.region ?? 'us-east-1',
    endpoint: options.endpointUrl,
    // The local cloud takes any key as the account root; the console acts as the account owner.
    credentials: { accessKeyId: 'tapstack-console', secretAccessKey: 'tapstack-console' },
  };
  const source = new ConsoleSource(config, options.stackName, options.extras);
  return new ConsoleServer({ source, host: options.host, port: options.port });
}
