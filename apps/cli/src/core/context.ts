import { Command } from 'commander';
import { Clients, connect } from './clients';
import { Format } from './output';
import { loadProfile, Profile } from './profiles';

/** What every command gets: its output format, the profile, clients, and the two streams. */
export interface Ctx {
  format: Format;
  profile(): Profile;
  clients(): Clients;
  /** Data: stdout. */
  out(text: string): void;
  /** Messages and progress: stderr. */
  note(text: string): void;
}

interface GlobalOptions {
  profile?: string;
  output: Format;
}

export function contextFor(command: Command): Ctx {
  const options = command.optsWithGlobals<GlobalOptions>();
  let profile: Profile | undefined;
  let clients: Clients | undefined;
  const ctx: Ctx = {
    format: options.output,
    profile: () => (profile ??= loadProfile(options.profile)),
    clients: () => (clients ??= connect(ctx.profile())),
    out: (text) => void process.stdout.write(text),
    note: (text) => void process.stderr.write(`${text}\n`),
  };
  return ctx;
}

/** Wraps a command's action: commander passes the arguments, the options, then the command. */
export function action<A extends unknown[]>(fn: (ctx: Ctx, ...args: A) => Promise<void>) {
  return async (...args: unknown[]): Promise<void> => {
    const command = args[args.length - 1] as Command;
    await fn(contextFor(command), ...(args.slice(0, -1) as A));
  };
}
