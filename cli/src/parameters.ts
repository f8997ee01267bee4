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

/**
 * Reads a parameter file as the AWS tools write them: CloudFormation's list
 * (`[{"ParameterKey": "K", "ParameterValue": "V"}]`), CodePipeline's `{"Parameters": {"K": "V"}}`,
 * or a plain `{"K": "V"}` object. Errors name the file and the entry.
 */
export function parseParameterFile(text: string, file: string): Record<string, string> {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new Error(`parameter file ${file} is not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(document)) {
    const result: Record<string, string> = {};
    for (const [index, entry] of document.entries()) {
      const key = (entry as { ParameterKey?: unknown })?.ParameterKey;
      const value = (entry as { ParameterValue?: unknown })?.ParameterValue;
      if (typeof key !== 'string' || typeof value !== 'string')
        throw new Error(
          `parameter file ${file}: entry ${index} needs string ParameterKey and ParameterValue`,
        );
      result[key] = value;
    }
    return result;
  }
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(document)) throw new Error(`parameter file ${file}: expected a JSON list or object`);
  const map = isObject(document.Parameters) ? document.Parameters : document;
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string' && typeof value !== 'number')
      throw new Error(`parameter file ${file}: ${key} must be a string`);
    result[key] = String(value);
  }
  return result;
}
