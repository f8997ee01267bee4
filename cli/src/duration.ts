/** `90s`, `15m`, `1h`, `7d` → milliseconds; an ISO timestamp is also accepted by `parseSince`. */
export function parseDuration(text: string): number {
  const match = text.trim().match(/^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/);
  if (!match)
    throw new Error(
      `"${text}" is not a duration: use a number followed by ms, s, m, h or d (e.g. 15m, 1h, 7d)`,
    );
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(match[1]) * (units[match[2] as string] ?? 1);
}

/** A start time from `--since`: a duration ago, or an ISO-8601 instant. */
export function parseSince(text: string, now: number): number {
  const iso = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && !Number.isNaN(iso)) return iso;
  return now - parseDuration(text);
}
