/**
 * CPU time per thread of a process, from /proc/<pid>/task/<tid>/stat (utime + stime), so a load
 * run can be charged to the engine's main thread, its Lambda host worker, the libuv thread pool
 * and Node's own threads. Node 20 names no threads, so they are told apart by what they do:
 * - main: tid == pid;
 * - Node's own (V8 platform workers: GC and compilation helpers, the delayed-task scheduler, the
 *   inspector signal thread): the first NODE_OWN_THREADS threads after main, created before any
 *   JavaScript runs;
 * - worker threads (the Lambda host): the later threads idle in epoll_wait, each with an event loop;
 * - libuv pool: the later threads idle on a futex (file system, crypto and LevelDB jobs).
 * `classify` must run while the process is idle (before the load), when /proc/<tid>/syscall shows
 * what each thread waits in.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** 4 V8 platform workers (`--v8-pool-size` default), the delayed-task scheduler, the signal thread. */
const NODE_OWN_THREADS = 6;
/** x86_64 epoll_wait and epoll_pwait; aarch64 epoll_pwait. */
const EPOLL_SYSCALLS = new Set(['232', '281', '22']);
/** USER_HZ: /proc reports CPU time in 1/100 s ticks on Linux. */
const TICK_MS = 10;

export type ThreadClass = 'main' | 'node-own' | 'worker' | 'libuv-pool';

/** CPU milliseconds so far of every thread of `pid`, by tid. */
export function threadCpuMs(pid: number): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      cpu.set(Number(tid), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return cpu;
}

/** CPU milliseconds so far of the whole process (its ended threads included). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Which kind each thread of an idle Node process is (see the module comment). */
export function classifyThreads(pid: number): Map<number, ThreadClass> {
  const tids = readdirSync(`/proc/${pid}/task`)
    .map(Number)
    .sort((a, b) => a - b);
  const classes = new Map<number, ThreadClass>();
  let own = 0;
  for (const tid of tids) {
    if (tid === pid) {
      classes.set(tid, 'main');
      continue;
    }
    if (own < NODE_OWN_THREADS) {
      own++;
      classes.set(tid, 'node-own');
      continue;
    }
    let syscall = '';
    try {
      syscall = readFileSync(`/proc/${pid}/task/${tid}/syscall`, 'utf8').split(' ')[0] ?? '';
    } catch {
      // Unreadable (another user's process): counted with the pool.
    }
    classes.set(tid, EPOLL_SYSCALLS.has(syscall) ? 'worker' : 'libuv-pool');
  }
  return classes;
}

/** CPU ms spent per thread class between two `threadCpuMs` readings. */
export function cpuByClass(
  classes: ReadonlyMap<number, ThreadClass>,
  before: ReadonlyMap<number, number>,
  after: ReadonlyMap<number, number>,
): Record<ThreadClass | 'later', number> {
  const totals: Record<ThreadClass | 'later', number> = {
    main: 0,
    'node-own': 0,
    worker: 0,
    'libuv-pool': 0,
    later: 0,
  };
  for (const [tid, ms] of after) {
    const spent = ms - (before.get(tid) ?? 0);
    totals[classes.get(tid) ?? 'later'] += spent;
  }
  return totals;
}
