import { execFile } from 'node:child_process';

export type SynthOutcome =
  | { readonly ok: true; readonly ms: number }
  | { readonly ok: false; readonly report: string };

/**
 * Re-synthesizes the CDK app exactly as `npm run synth` does (the same script, in the project),
 * which writes lib/TapStack.json; a failure is reported with the script's own output.
 */
export function synthesize(root: string): Promise<SynthOutcome> {
  const started = performance.now();
  return new Promise((resolveOutcome) => {
    execFile(
      'npm',
      ['run', '--silent', 'synth'],
      { cwd: root, env: { ...process.env, FORCE_COLOR: '0' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) {
          resolveOutcome({ ok: true, ms: Math.round(performance.now() - started) });
          return;
        }
        const output = `${stdout}\n${stderr}`.trim().split('\n');
        resolveOutcome({ ok: false, report: output.slice(-30).join('\n') });
      },
    );
  });
}
