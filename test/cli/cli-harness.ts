import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CascadeUrls } from '../support';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The built `cascade` (apps/cli/build.js: plain JavaScript, as a user runs it) in a
 * home of its own: a config file with profiles, key files with owner-only modes.
 */
export class CliHarness {
  readonly home = mkdtempSync(path.join(os.tmpdir(), 'cascade-cli-'));
  readonly config = path.join(this.home, 'config.yaml');
  private readonly main: string;

  constructor() {
    const out = path.join(this.home, 'build');
    const built = spawnSync(process.execPath, [path.join(ROOT, 'apps/cli/build.js'), out], {
      encoding: 'utf8',
    });
    if (built.status !== 0) throw new Error(`building the CLI failed: ${built.stderr}`);
    this.main = path.join(out, 'apps/cli/src/main.js');
  }

  /** A key file (mode 600) and a profile naming it; the first profile written is the default. */
  writeProfiles(profiles: Record<string, { urls: CascadeUrls; key: string }>, mode = 0o600): void {
    const lines = [`default_profile: ${Object.keys(profiles)[0]}`, 'profiles:'];
    for (const [name, { urls, key }] of Object.entries(profiles)) {
      const keyFile = path.join(this.home, `${name}.key`);
      writeFileSync(keyFile, `${key}\n`);
      chmodSync(keyFile, 0o600);
      lines.push(
        `  ${name}:`,
        `    metering_url: ${urls.metering}`,
        `    rating_url: ${urls.rating}`,
        `    invoicing_url: ${urls.invoicing}`,
        `    key_file: ${keyFile}`,
      );
    }
    writeFileSync(this.config, `${lines.join('\n')}\n`);
    chmodSync(this.config, mode);
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      HOME: this.home,
      NODE_PATH: path.join(ROOT, 'node_modules'),
      CASCADE_CONFIG: this.config,
      ...extra,
    };
  }

  start(args: string[], extra: Record<string, string> = {}, cwd = this.home): ChildProcess {
    return spawn(process.execPath, [this.main, ...args], { cwd, env: this.env(extra) });
  }

  /** Runs one command to its end. */
  run(args: string[], extra: Record<string, string> = {}, cwd = this.home): Promise<CliResult> {
    return finished(this.start(args, extra, cwd));
  }

  /** Runs one command that must succeed and print nothing on stderr; its stdout. */
  async ok(args: string[], extra: Record<string, string> = {}): Promise<string> {
    const result = await this.run(args, extra);
    if (result.code !== 0 || result.stderr !== '')
      throw new Error(
        `cascade ${args.join(' ')} → ${result.code}\n${result.stderr}${result.stdout}`,
      );
    return result.stdout;
  }

  async json<T = Record<string, unknown>>(args: string[]): Promise<T> {
    return JSON.parse(await this.ok([...args, '--output', 'json'])) as T;
  }

  remove(): void {
    rmSync(this.home, { recursive: true, force: true });
  }
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
