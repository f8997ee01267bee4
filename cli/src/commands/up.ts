import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { Engine, parseBytes, parseTemplate, RealClock, type StackEvent } from '../../../engine/src/index.ts';
import { startWatching } from '../dev/start-watching.ts';
import { formatEngineStackEvent } from '../format/stack-event.ts';
import { colorEnabled, paint, table } from '../format/style.ts';
import { parseParameterFile, parseParameterOverrides } from '../parameters.ts';
import { withPortHint } from '../port-hint.ts';
import { handleDrift, listening } from './up-checks.ts';

interface UpOptions {
  readonly template: string;
  readonly stackName: string;
  readonly parameter: string[];
  readonly parametersFile?: string;
  readonly dataDir: string;
  readonly host: string;
  readonly port: string;
  readonly apiPort: string;
  readonly timeScale: string;
  readonly replaceFailed?: boolean;
  readonly recreateDrifted?: boolean;
  readonly warnFreeBelow: string;
  readonly diskFloor: string;
  readonly retentionScale: string;
  readonly watch?: boolean;
  readonly allowHost: string[];
  readonly allowOrigin: string[];
}

/**
 * The deploy's parameters: the file's, then `-p` pairs; `EnvironmentSuffix=dev` is added only for a
 * template that declares EnvironmentSuffix and when no value was given (the seed's default).
 */
function localParameters(templateBody: string, options: UpOptions): Record<string, string> {
  const fromFile = options.parametersFile
    ? parseParameterFile(readFileSync(resolve(options.parametersFile), 'utf8'), options.parametersFile)
    : {};
  const parameters = { ...fromFile, ...parseParameterOverrides(options.parameter) };
  let declared: readonly string[] = [];
  try {
    declared = parseTemplate(templateBody).parameters.map((p) => p.name);
  } catch {
    // The deploy reports a bad template with its location; nothing to add here.
  }
  if (declared.includes('EnvironmentSuffix') && parameters.EnvironmentSuffix === undefined)
    parameters.EnvironmentSuffix = 'dev';
  return parameters;
}

/**
 * The URL to try: the ApiEndpoint output when there is one, else the local URL of the stack's
 * first HTTP API (any template with an AWS::ApiGatewayV2::Api), else nothing.
 */
function apiUrlOf(
  engine: Engine,
  stackName: string,
  outputs: readonly { outputKey: string; outputValue: string }[],
): string {
  const named = outputs.find((o) => o.outputKey === 'ApiEndpoint')?.outputValue;
  if (named) return named;
  const api = engine.deployer
    .listStackResources(stackName)
    .find((r) => r.resourceType === 'AWS::ApiGatewayV2::Api' && r.physicalId);
  return api ? engine.services.httpApi.getEndpoint(api.physicalId) : '';
}

function bytes(text: string, flag: string): number {
  const value = parseBytes(text);
  if (value === undefined) throw new Error(`${flag} must be a size such as 1GB or 100MB, got ${text}`);
  return value;
}

function retentionScale(text: string): number {
  const value = Number(text);
  if (!(value >= 1)) throw new Error(`--retention-scale must be a number >= 1, got ${text}`);
  return value;
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
 * The last line it prints when ready is `READY <api url or -> <aws endpoint url>` for scripts.
 */
export function registerUp(program: Command): void {
  program
    .command('up')
    .description('deploy the stack onto the local cloud and serve it until Ctrl-C')
    .option('--template <file>', 'CloudFormation template (JSON or YAML)', 'lib/TapStack.json')
    .option('--stack-name <name>', 'stack name', 'serverless-infrastructure')
    .option(
      '-p, --parameter <Key=Value...>',
      'parameter override (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option(
      '--parameters-file <file>',
      'parameters as JSON ([{ParameterKey, ParameterValue}] or {"Key": "Value"})',
    )
    .option('--data-dir <dir>', 'where state and data persist', '.tapstack')
    .option('--host <address>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'AWS endpoint port (0 = any free port)', '4566')
    .option('--api-port <port>', 'first HTTP API port (0 = any free port)', '4567')
    .option(
      '--allow-host <name>',
      'also answer this Host name (repeatable; *.example.test for subdomains)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option(
      '--allow-origin <origin>',
      'also accept web pages from this origin on the AWS endpoint (repeatable)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option(
      '--time-scale <n>',
      'run emulated time N times faster (schedules, retries, alarms, retention)',
      '1',
    )
    .option(
      '--replace-failed',
      'delete a stack left failed (e.g. UPDATE_ROLLBACK_FAILED) and create it anew, adopting retained resources',
    )
    .option('--recreate-drifted', 're-create (empty) stack resources deleted through the AWS endpoint')
    .option('--warn-free-below <size>', 'warn when the data directory disk has less free space', '1GB')
    .option('--disk-floor <size>', 'refuse writes (throttling errors) below this much free space', '100MB')
    .option(
      '--retention-scale <n>',
      'local deviation: divide log and archive retention by N (load tests), template unchanged',
      '1',
    )
    .option(
      '--watch',
      'apply every save of the function sources and infra/ (or --template) to the running stack',
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
      const parameters = localParameters(templateBody, options);
      const started = performance.now();
      const printEvent = (event: StackEvent) => console.log(formatEngineStackEvent(event, color));
      const engine = await Engine.start({
        onStackEvent: printEvent,
        dataDir: resolve(options.dataDir),
        host: options.host,
        port: port(options.port, '--port'),
        apiBasePort: port(options.apiPort, '--api-port'),
        clock: new RealClock(timeScale),
        disk: {
          warnBelowBytes: bytes(options.warnFreeBelow, '--warn-free-below'),
          floorBytes: bytes(options.diskFloor, '--disk-floor'),
        },
        retentionScale: retentionScale(options.retentionScale),
        requireStackRecord: true,
        allowHosts: options.allowHost,
        allowOrigins: options.allowOrigin,
      }).catch((error: unknown) => {
        throw withPortHint(error, options.host, port(options.port, '--port'));
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
      const diskWarning = engine.disk.warning();
      if (diskWarning) console.log(paint('yellow', `Warning: ${diskWarning}`, color));
      let result: Awaited<ReturnType<Engine['deploy']>>;
      try {
        await handleDrift(engine, options.recreateDrifted === true, options.dataDir);
        result = await engine.deploy({
          stackName: options.stackName,
          templateBody,
          parameters,
          onEvent: printEvent,
          ...(options.replaceFailed ? { replaceFailed: true } : {}),
        });
      } catch (error) {
        await engine.close();
        throw error;
      }
      if (result.action === 'NO_CHANGES')
        console.log(paint('gray', 'No changes: the stack is as deployed.', color));
      console.log(`\n${paint('bold', 'Outputs', color)}`);
      console.log(table(result.stack.outputs.map((o) => [`  ${o.outputKey}`, o.outputValue])));
      const api = apiUrlOf(engine, options.stackName, result.stack.outputs);
      // READY promises a serving API: a URL nothing listens on is a failure, not a start.
      if (api && !(await listening(api))) {
        await engine.close();
        throw new Error(
          `the stack's ApiEndpoint ${api} has no listener: the API's state is missing from ${options.dataDir}/http-api; ` +
            `run \`tapstack repair --data-dir ${options.dataDir}\` to re-create it from the template`,
        );
      }
      console.log(
        `\nReady in ${Math.round(performance.now() - started)} ms.${api ? ` Try: curl -X POST ${api} -H 'content-type: application/json' -d '{"hello":"world"}'` : ''}`,
      );
      console.log(`Console  ${engine.serveConsole(options.stackName).url}`);
      console.log('Press Ctrl-C to stop.');
      // `-` stands for "no HTTP API" so the line always has two fields.
      if (options.watch) await startWatching({ engine, options, parameters, color });
      console.log(`READY ${api || '-'} ${engine.endpointUrl}`);
    });
}
