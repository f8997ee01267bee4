/**
 * The request path compared in rounds: the two baselines and the engine run side by side (the one
 * not loaded idles), and short measured phases go to each in turn:
 *
 *   in-process, [independent, engine, in-process] x rounds, independent
 *
 * so every engine phase lies between two phases of each baseline, and its ratio is taken against
 * their mean. On a shared machine the speed drifts by ±20% over tens of seconds (the host's other
 * tenants) and a server slows as its data grows; one long run per server charged whatever the
 * machine did at that moment to that server. The figure is the median of the rounds' ratios,
 * which one slow phase cannot move. Every server first gets the same unmeasured warm-up load.
 */
import type { BenchServer } from './baseline-run.ts';
import { type LoadResult, postLoad, warmUpLoad } from './load.ts';

export interface RoundsOptions {
  readonly connections: number;
  readonly rounds: number;
  readonly phaseSeconds: number;
  readonly warmSeconds: number;
}

/** What one server did over all its measured phases. */
export interface ServerPhases {
  readonly server: BenchServer;
  readonly phases: LoadResult[];
  /** CPU ms over the measured phases, by part. */
  readonly cpu: Record<string, number>;
  /** The ids answered 2xx over all phases. */
  readonly okIds: Set<string>;
}

export interface RoundsResult {
  readonly independent: ServerPhases;
  readonly inProcess: ServerPhases;
  readonly engine: ServerPhases;
  /** Per round: engine req/s over the mean of the baseline phases around it (sorted). */
  readonly ratios: { readonly independent: number[]; readonly inProcess: number[] };
  readonly p99Ratios: { readonly independent: number[]; readonly inProcess: number[] };
}

export async function runRounds(
  servers: { independent: BenchServer; inProcess: BenchServer; engine: BenchServer },
  options: RoundsOptions,
  onPhase: (line: string) => void = () => {},
): Promise<RoundsResult> {
  const { connections, rounds, phaseSeconds, warmSeconds } = options;
  const record = (server: BenchServer): ServerPhases => ({ server, phases: [], cpu: {}, okIds: new Set() });
  const independent = record(servers.independent);
  const inProcess = record(servers.inProcess);
  const engine = record(servers.engine);
  if (warmSeconds > 0)
    for (const { server } of [independent, inProcess, engine])
      await warmUpLoad(server.apiUrl, connections, warmSeconds);
  let phase = 0;
  const measure = async (target: ServerPhases): Promise<LoadResult> => {
    const before = target.server.cpu();
    // Ids unique over the whole comparison, so that items can be matched to 2xx across phases.
    const load = await postLoad(target.server.apiUrl, connections, phaseSeconds, `p${phase++}-`);
    const after = target.server.cpu();
    for (const [part, ms] of Object.entries(after))
      target.cpu[part] = (target.cpu[part] ?? 0) + ms - (before[part] ?? 0);
    for (const id of load.okIds) target.okIds.add(id);
    target.phases.push(load);
    onPhase(
      `    ${target.server.name.padEnd(11)} ${Math.round(load.requestsPerSecond).toString().padStart(5)} req/s  p99 ${load.p99} ms`,
    );
    return load;
  };
  await measure(inProcess);
  for (let round = 0; round < rounds; round++) {
    await measure(independent);
    await measure(engine);
    await measure(inProcess);
  }
  await measure(independent);

  const between = (base: LoadResult[], i: number, pick: (r: LoadResult) => number): number =>
    (pick(base[i] as LoadResult) + pick(base[i + 1] as LoadResult)) / 2 || 1;
  const rps = (r: LoadResult) => r.requestsPerSecond;
  const p99 = (r: LoadResult) => r.p99;
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  const against = (base: ServerPhases, pick: (r: LoadResult) => number) =>
    sorted(engine.phases.map((e, i) => pick(e) / between(base.phases, i, pick)));
  return {
    independent,
    inProcess,
    engine,
    ratios: { independent: against(independent, rps), inProcess: against(inProcess, rps) },
    p99Ratios: { independent: against(independent, p99), inProcess: against(inProcess, p99) },
  };
}

export function median(sortedValues: readonly number[]): number {
  const n = sortedValues.length;
  if (n === 0) return Number.NaN;
  const middle = Math.floor(n / 2);
  return n % 2 === 1
    ? (sortedValues[middle] ?? Number.NaN)
    : ((sortedValues[middle - 1] ?? 0) + (sortedValues[middle] ?? 0)) / 2;
}
