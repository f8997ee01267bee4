import { connect } from 'node:net';
import { createInterface } from 'node:readline/promises';
import { driftMessage, type Engine } from '../../../engine/src/index.ts';

/** Resolves true when something accepts a TCP connection at the URL's host and port. */
export function listening(url: string, timeoutMs = 2000): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host: target.hostname, port: Number(target.port || 80) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Says which stack resources were deleted through the AWS endpoint and offers to re-create them:
 * at once with `--recreate-drifted`, after a yes on a terminal, otherwise by naming the command.
 */
export async function handleDrift(engine: Engine, recreate: boolean, dataDir: string): Promise<void> {
  const drifted = engine.stateCheck.drifted;
  if (drifted.length === 0) return;
  console.log(driftMessage(drifted));
  let accept = recreate;
  if (!accept && process.stdin.isTTY && process.stdout.isTTY) {
    const prompt = createInterface({ input: process.stdin, output: process.stdout });
    try {
      accept = /^y(es)?$/i.test(
        (await prompt.question('Re-create it from the stack template (empty)? [y/N] ')).trim(),
      );
    } finally {
      prompt.close();
    }
  }
  if (!accept) {
    console.log(
      `Serving without it. Re-create it with \`tapstack up --recreate-drifted --data-dir ${dataDir}\` or \`tapstack repair --data-dir ${dataDir}\`.`,
    );
    return;
  }
  const outcome = await engine.stateCheck.repair(drifted);
  console.log(`Re-created (empty): ${outcome.recreated.join(', ')}`);
}
