import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DamagedStateFileError } from '../../runtime/state-file-error.ts';
import type { StateProblem } from './verify-stack-state.ts';

/**
 * The words of a refused start: the file, what is wrong with it, the resources it affects and the
 * way out. Kept apart from the checks so the damaged-data suite can read them as one table.
 */

/** Files whose resources the recorded templates can rebuild (`tapstack repair`). */
const REBUILDABLE: readonly { readonly file: RegExp; readonly types: readonly string[] }[] = [
  { file: /^lambda\/functions\.json$/, types: ['AWS::Lambda::Function', 'AWS::Lambda::Permission'] },
  { file: /^iam\/iam\.json$/, types: ['AWS::IAM::Role', 'AWS::IAM::Policy'] },
  { file: /^http-api\/http-api\.json$/, types: ['AWS::ApiGatewayV2::'] },
  { file: /^sqs\/queues\/.+\.json$/, types: ['AWS::SQS::Queue'] },
  { file: /^s3\/buckets\/.+\.json$/, types: ['AWS::S3::Bucket'] },
  { file: /^dynamodb\/table-settings\.json$/, types: ['AWS::DynamoDB::Table'] },
  { file: /^events\/rules\.json$/, types: ['AWS::Events::Rule'] },
  { file: /^logs\/groups\.json$/, types: ['AWS::Logs::'] },
  { file: /^sns\/sns\.json$/, types: ['AWS::SNS::'] },
  { file: /^cloudwatch\/cloudwatch\.json$/, types: ['AWS::CloudWatch::Alarm'] },
  { file: /^firehose\/streams\.json$/, types: ['AWS::KinesisFirehose::DeliveryStream'] },
];

/** True when `tapstack repair` may set the damaged file aside and rebuild what it held. */
export const isRebuildable = (relativeFile: string): boolean =>
  REBUILDABLE.some((entry) => entry.file.test(relativeFile.split(sep).join('/')));

interface RecordedResource {
  readonly stackName: string;
  readonly logicalId: string;
  readonly type: string;
  readonly physicalId: string;
}

/** The stacks' resources read straight from `cloudformation/stacks.json` (empty when unreadable). */
function recordedResources(dataDir: string): RecordedResource[] {
  try {
    const doc = JSON.parse(readFileSync(join(dataDir, 'cloudformation', 'stacks.json'), 'utf8')) as {
      stacks?: { stackName: string; resources: Record<string, { type: string; physicalId: string }> }[];
    };
    return (doc.stacks ?? []).flatMap((stack) =>
      Object.entries(stack.resources ?? {}).map(([logicalId, r]) => ({
        stackName: stack.stackName,
        logicalId,
        type: r.type,
        physicalId: r.physicalId,
      })),
    );
  } catch {
    return [];
  }
}

const describeResource = (r: { type: string; logicalId: string; physicalId: string; stackName: string }) =>
  `${r.type} ${r.logicalId} (${r.physicalId}) of stack ${r.stackName}`;

function affected(dataDir: string, relativeFile: string): string {
  const file = relativeFile.split(sep).join('/');
  if (file === 'cloudformation/stacks.json') return 'every stack in the data directory (their records)';
  const resources = recordedResources(dataDir);
  let types: readonly string[] = [];
  if (file.startsWith('dynamodb/')) types = ['AWS::DynamoDB::Table'];
  else types = REBUILDABLE.find((entry) => entry.file.test(file))?.types ?? [];
  const named = /^(?:sqs\/queues|s3\/buckets)\/(.+)\.json$/.exec(file)?.[1];
  const hits = resources.filter(
    (r) =>
      types.some((t) => r.type.startsWith(t)) &&
      (named === undefined || r.physicalId === named || r.physicalId.endsWith(`/${named}`)),
  );
  return hits.length === 0 ? 'no resource a stack records' : hits.map(describeResource).join('; ');
}

function wayOut(dataDir: string, relativeFile: string): string {
  const file = relativeFile.split(sep).join('/');
  if (isRebuildable(file))
    return (
      `run \`tapstack repair --data-dir ${dataDir}\`: it keeps the damaged file beside the original ` +
      '(as <file>.damaged-<time>) and re-creates what the stack templates can rebuild, keeping the data ' +
      'in every other file; or restore the file from a copy'
    );
  return (
    'restore the file from a copy (this state cannot be rebuilt from a template), or move the whole data ' +
    'directory away to start empty'
  );
}

/**
 * A start-up failure explained: a damaged state file or LevelDB directory gains the resources it
 * affects and the way out; anything else is returned unchanged.
 */
export function explainStartFailure(error: unknown, dataDir: string): unknown {
  if (error instanceof DamagedStateFileError) {
    const file = relative(dataDir, error.path);
    return new Error(
      `${error.message}.\n  It affects: ${affected(dataDir, file)}.\n  Way out: ${wayOut(dataDir, file)}.`,
      { cause: error },
    );
  }
  if (error instanceof Error && error.message.startsWith('DynamoDB data directory ')) {
    return new Error(`${error.message}.\n  It affects: ${affected(dataDir, 'dynamodb/leveldb')}.`, {
      cause: error,
    });
  }
  return error;
}

/** The refusal for resources missing from, or different in, their stores (drift excluded). */
export function stateProblemsMessage(problems: readonly StateProblem[], dataDir: string): string {
  const lines = problems.map(
    (p) =>
      `  - ${join(dataDir, p.finding.file)} ${p.finding.problem}: ${describeResource({ ...p, type: p.resourceType })}`,
  );
  const dataLost = problems.filter((p) => p.finding.holdsData && p.finding.fix === 'recreate');
  const restoreOnly = problems.some((p) => p.finding.fix === 'restore');
  const advice = restoreOnly
    ? 'restore the data directory from a copy, or move it away to start empty'
    : `run \`tapstack repair --data-dir ${dataDir}\` to re-create them from the stack templates, keeping the data ` +
      `in every other file${dataLost.length > 0 ? ` (${dataLost.map((p) => p.logicalId).join(', ')} come back empty: their data is not in any file)` : ''}; ` +
      'or restore the data directory from a copy';
  return (
    `The data directory ${dataDir} does not hold what its stacks recorded; nothing was changed:\n` +
    `${lines.join('\n')}\n` +
    `  Way out: ${advice}.`
  );
}

/** What `up` says about resources deleted through the AWS endpoint. */
export function driftMessage(problems: readonly StateProblem[]): string {
  return problems
    .map(
      (p) =>
        `Drift: ${describeResource({ ...p, type: p.resourceType })} was deleted through the AWS endpoint ` +
        `(${p.drift?.operation} at ${p.drift?.at}).`,
    )
    .join('\n');
}
