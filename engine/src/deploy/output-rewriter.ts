/**
 * Rewrites an output value before it is stored and exported, for example to turn an
 * `execute-api` URL into the local listener's URL (a local deviation: AWS stores outputs as
 * resolved). The engine passes the rules (wiring/execute-api-output.ts, wiring/local-url-output.ts);
 * the deploy engine only calls the hook. Returning `value` unchanged is always allowed.
 */
export type OutputRewriter = (outputKey: string, value: string, stackName: string) => string;

export const keepOutput: OutputRewriter = (_key, value) => value;
