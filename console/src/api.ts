/** The page's only ways to the server: same-origin fetch and EventSource, each carrying the per-start token. */
const token = document.querySelector<HTMLMetaElement>('meta[name="console-token"]')?.content ?? '';
const base = new URL('api/', document.baseURI);

export function apiUrl(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, base);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.pathname + url.search;
}

/** A link carrying the token (downloads cannot send headers). */
export function tokenUrl(path: string, params: Record<string, string>): string {
  return apiUrl(path, { ...params, token });
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json()) as T & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `HTTP ${response.status}`);
  return body;
}

export async function getJson<T>(path: string, params: Record<string, string> = {}): Promise<T> {
  return answer<T>(
    await fetch(apiUrl(path, params), { headers: { 'x-console-token': token }, credentials: 'same-origin' }),
  );
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return answer<T>(
    await fetch(apiUrl(path), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-console-token': token },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    }),
  );
}

export interface StreamHandlers<T> {
  onData(data: T): void;
  onProblem?(message: string): void;
}

const live = () => document.getElementById('live');

/** A live stream; returns the function that closes it. */
export function stream<T>(
  path: string,
  params: Record<string, string>,
  handlers: StreamHandlers<T>,
): () => void {
  const source = new EventSource(apiUrl(path, { ...params, token }));
  source.onmessage = (event) => {
    const status = live();
    if (status && status.textContent !== 'Live') status.textContent = 'Live';
    handlers.onData(JSON.parse(event.data as string) as T);
  };
  source.addEventListener('problem', (event) => {
    const { message } = JSON.parse((event as MessageEvent<string>).data) as { message: string };
    handlers.onProblem?.(message);
  });
  source.onerror = () => {
    const status = live();
    if (status)
      status.textContent = source.readyState === EventSource.CLOSED ? 'Disconnected' : 'Reconnecting…';
  };
  return () => source.close();
}
