import { createServer, type Server } from 'node:http';
import { describe, expect, it } from 'vitest';
import { StartedParts } from './started-parts.ts';

/** A real listener, started on port 0; its close is recorded in `log` when it completes. */
async function listener(name: string, log: string[]): Promise<Server> {
  const server = createServer((_req, res) => res.end(name));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.on('close', () => log.push(name));
  return server;
}

describe('StartedParts', () => {
  it('stops real listeners in reverse start order, each once', async () => {
    const log: string[] = [];
    const parts = new StartedParts();
    const servers: Server[] = [];
    for (const name of ['store', 'endpoint', 'workers']) {
      const server = await listener(name, log);
      servers.push(server);
      parts.started(name, () => new Promise<void>((resolve) => server.close(() => resolve())));
    }
    expect(parts.names()).toEqual(['store', 'endpoint', 'workers']);

    expect(await parts.stopAll()).toEqual([]);
    expect(log).toEqual(['workers', 'endpoint', 'store']);
    for (const server of servers) expect(server.listening).toBe(false);
    // A second stopAll (a close after a failed close) stops nothing twice.
    expect(await parts.stopAll()).toEqual([]);
    expect(log).toEqual(['workers', 'endpoint', 'store']);
    expect(parts.names()).toEqual([]);
  });

  it('keeps stopping past a part whose stop fails, and names that part', async () => {
    const log: string[] = [];
    const parts = new StartedParts();
    const first = await listener('first', log);
    parts.started('first', () => new Promise<void>((resolve) => first.close(() => resolve())));
    parts.started('broken', async () => {
      throw new Error('disk gone');
    });
    const last = await listener('last', log);
    parts.started('last', () => new Promise<void>((resolve) => last.close(() => resolve())));

    const failures = await parts.stopAll();
    expect(failures.map((f) => f.message)).toEqual(['stopping broken failed: Error: disk gone']);
    expect(log).toEqual(['last', 'first']);
    expect(first.listening || last.listening).toBe(false);
  });

  it('stops a part that now uses later parts before them', async () => {
    const log: string[] = [];
    const parts = new StartedParts();
    const servers = new Map<string, Server>();
    for (const name of ['store', 'workers', 'timers']) {
      const server = await listener(name, log);
      servers.set(name, server);
      parts.started(name, () => new Promise<void>((resolve) => server.close(() => resolve())));
    }
    // The workers were armed before the timers they report to started.
    parts.nowUses('workers');
    expect(parts.names()).toEqual(['store', 'timers', 'workers']);
    expect(() => parts.nowUses('never-started')).toThrow('never-started has not started');

    expect(await parts.stopAll()).toEqual([]);
    expect(log).toEqual(['workers', 'timers', 'store']);
  });
});
