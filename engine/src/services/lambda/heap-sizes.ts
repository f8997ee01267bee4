/**
 * The V8 heap sizes an execution environment gets from its MemorySize, as Lambda's Node.js
 * bootstrap sets them (see AWS-FACTS.md, "Heap sizes"): a tenth of the memory is the new space,
 * split into two semi-spaces (`--max-semi-space-size=<memory/10/2>`).
 *
 * Why it matters here: a worker given only an old-generation limit gets V8's default young
 * generation for that heap size, about 1 MB of semi-space for a few hundred MB. The AWS SDK
 * allocates a few hundred KB per call, so such a worker scavenged every few requests and promoted
 * the objects of every request in flight, where a Lambda environment (and a plain Node process)
 * collects them young.
 */

/** `--max-semi-space-size` of Lambda's bootstrap, in MB, for a function's MemorySize. */
export const semiSpaceMb = (memorySizeMb: number): number => Math.max(1, Math.floor(memorySizeMb / 10 / 2));

/**
 * Node's `resourceLimits.maxYoungGenerationSizeMb` for that semi-space: V8's young generation is
 * the two semi-spaces plus a large-object space of the same size (V8 `heap.cc`,
 * `YoungGenerationSizeFromSemiSpaceSize`), so three semi-spaces.
 */
export const youngGenerationMb = (memorySizeMb: number): number => 3 * semiSpaceMb(memorySizeMb);
