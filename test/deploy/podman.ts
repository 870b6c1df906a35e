import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The repository root: the build context and where deploy/image/node-base.sh lives. */
export const ROOT = path.resolve(__dirname, '..', '..');

/** The Node 20 base image made without a registry (deploy/image/node-base.sh), kept between runs. */
export const BASE_IMAGE = 'localhost/cascade-node:20-bookworm';

/**
 * Podman's settings for this kind of machine, given per run through
 * CONTAINERS_CONF so nothing outside the project changes (../shared/CONTAINERS.md):
 * runc (crun refuses the mixed cgroup hierarchy), open files at the hard limit
 * (Podman's default is above it and root may not raise it), cgroupfs, a file event log.
 */
function containersConf(): string {
  const hardLimit = execFileSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  const nofile = hardLimit === 'unlimited' ? '1048576' : hardLimit;
  const dir = mkdtempSync(path.join(tmpdir(), 'cascade-podman-'));
  const file = path.join(dir, 'containers.conf');
  writeFileSync(
    file,
    [
      '[containers]',
      `default_ulimits = ["nofile=${nofile}:${nofile}", "nproc=32768:32768"]`,
      '[engine]',
      'runtime = "runc"',
      'cgroup_manager = "cgroupfs"',
      'events_logger = "file"',
      '',
    ].join('\n'),
  );
  return file;
}

const ENV = { ...process.env, CONTAINERS_CONF: containersConf() };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with the Podman settings; resolves with its exit code and output, never rejects on a non-zero exit. */
export function run(file: string, args: readonly string[], timeoutMs = 180_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { cwd: ROOT, env: ENV, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (error as { code?: unknown }).code : 0;
        if (typeof code !== 'number') {
          reject(new Error(`${file} ${args.join(' ')}: ${error?.message ?? 'failed'}\n${stderr}`));
          return;
        }
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** `podman ARGS`, which must succeed: resolves with its stdout. */
export async function podman(...args: string[]): Promise<string> {
  const result = await run('podman', args);
  if (result.code !== 0) {
    throw new Error(`podman ${args.join(' ')} exited ${result.code}:\n${result.stderr}`);
  }
  return result.stdout;
}
