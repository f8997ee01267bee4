/**
 * Turns `Key=Value` pairs from the command line into a parameter map. Later pairs win, so a user's
 * `-p EnvironmentSuffix=prod` replaces the default `EnvironmentSuffix=dev`.
 */
export function parseParameterOverrides(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`parameter override "${pair}" must look like Key=Value`);
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}
