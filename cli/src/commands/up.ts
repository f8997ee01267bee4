import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Engine, RealClock } from '../../../engine/src/index.ts';
import { formatStackEvent } from '../format/stack-event.ts';
import { colorEnabled, paint, table } from '../format/style.ts';
import { parseParameterOverrides } from '../parameters.ts';

interface UpOptions {
  readonly template: string;
  readonly stackName: string;
  readonly parameter: string[];
  readonly dataDir: string;
  readonly host: string;
  readonly port: string;
  readonly apiPort: string;
  readonly timeScale: string;
}

function port(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > 65_535)
    throw new Error(`${flag} must be a port number (0-65535), got ${text}`);
  return value;
}

/**
 * `tapstack up` (= `npm start`): deploys the template onto a local cloud kept in the data
 * directory, prints the outputs with their local URLs, and serves until Ctrl-C.
 * The last line it prints when ready is `READY <api url> <aws endpoint url>` for scripts.
 */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('deploy the stack onto the local cloud and serve it until Ctrl-C')
    .option('--template <file>', 'CloudFormation template (JSON)', 'lib/TapStack.json')
    .option('--stack-name <name>', 'stack name', 'serverless-infrastructure')
    .option(
      '-p, --parameter <Key=Value...>',
      'parameter override (repeatable)',
      (v: string, all: string[]) => [...all, v],
      ['EnvironmentSuffix=dev'],
    )
    .option('--data-dir <dir>', 'where state and data persist', '.tapstack')
    .option('--host <address>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'AWS endpoint port (0 = any free port)', '4566')
    .option('--api-port <port>', 'first HTTP API port (0 = any free port)', '4567')
    .option(
      '--time-scale <n>',
      'run emulated time N times faster (schedules, retries, alarms, retention)',
      '1',
    )
    .action(async (options: UpOptions) => {
      const color = colorEnabled();
      const timeScale = Number(options.timeScale);
      if (!(timeScale > 0))
        throw new Error(`--time-scale must be a positive number, got ${options.timeScale}`);
      const templatePath = resolve(options.template);
      let templateBody: string;
      try {
        templateBody = readFileSync(templatePath, 'utf8');
      } catch (error) {
        throw new Error(`cannot read the template ${templatePath}: ${(error as Error).message}`);
      }
      const parameters = parseParameterOverrides(options.parameter);
      const started = performance.now();
      const engine = await Engine.start({
        dataDir: resolve(options.dataDir),
        host: options.host,
        port: port(options.port, '--port'),
        apiBasePort: port(options.apiPort, '--api-port'),
        clock: new RealClock(timeScale),
      });
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        console.log(`\n${signal}: stopping the local cloud…`);
        await engine.close();
        console.log('Stopped. Data kept in', resolve(options.dataDir));
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));

      const overrides = Object.entries(parameters)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      console.log(
        `${paint('bold', 'TapStack local cloud', color)}  data in ${options.dataDir}  AWS endpoint ${engine.endpointUrl}`,
      );
      console.log(
        `Deploying ${options.stackName} from ${options.template}${overrides ? ` (${overrides})` : ''}`,
      );
      let result: Awaited<ReturnType<Engine['deploy']>>;
      try {
        result = await engine.deploy({
          stackName: options.stackName,
          templateBody,
          parameters,
          onEvent: (event) =>
            console.log(
              formatStackEvent(
                {
                  timestamp: Date.parse(event.timestamp),
                  logicalId: event.logicalId,
                  resourceType: event.resourceType,
                  status: event.status,
                  ...(event.reason ? { reason: event.reason } : {}),
                },
                color,
              ),
            ),
        });
      } catch (error) {
        await engine.close();
        throw error;
      }
      if (result.action === 'NO_CHANGES')
        console.log(paint('gray', 'No changes: the stack is as deployed.', color));
      console.log(`\n${paint('bold', 'Outputs', color)}`);
      console.log(table(result.stack.outputs.map((o) => [`  ${o.outputKey}`, o.outputValue])));
      const api = result.stack.outputs.find((o) => o.outputKey === 'ApiEndpoint')?.outputValue ?? '';
      console.log(
        `\nReady in ${Math.round(performance.now() - started)} ms. Try: curl -X POST ${api} -H 'content-type: application/json' -d '{"hello":"world"}'`,
      );
      console.log(`Console  ${engine.serveConsole(options.stackName).url}`);
      console.log('Press Ctrl-C to stop.');
      console.log(`READY ${api} ${engine.endpointUrl}`);
    });
}
