import { existsSync, readFileSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CliError } from './exit-codes';

/** Where one profile sends calls, and the key it sends. */
export interface Profile {
  name: string;
  urls: { metering: string; rating: string; invoicing: string };
  key: string;
}

interface ProfileEntry {
  /** One address for all three services (a console, a gateway). */
  url?: string;
  metering_url?: string;
  rating_url?: string;
  invoicing_url?: string;
  /** The name of an environment variable holding the key. */
  key_env?: string;
  /** A file holding the key; owner-only permissions. */
  key_file?: string;
}

interface ConfigFile {
  default_profile?: string;
  profiles?: Record<string, ProfileEntry>;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CASCADE_CONFIG || path.join(os.homedir(), '.config', 'cascade', 'config.yaml');
}

/** A file others can read would leak keys: refuse it, as ssh does. */
function requireOwnerOnly(file: string, what: string): void {
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077)
    throw new CliError(
      `${what} ${file} is readable by others (mode ${mode.toString(8).padStart(4, '0')}): run chmod 600 ${file}`,
    );
}

function readConfig(file: string): ConfigFile {
  requireOwnerOnly(file, 'config file');
  try {
    return (parse(readFileSync(file, 'utf8')) as ConfigFile | null) ?? {};
  } catch (error) {
    throw new CliError(`config file ${file}: ${(error as Error).message}`);
  }
}

function readKeyFile(file: string): string {
  const resolved = file.startsWith('~/') ? path.join(os.homedir(), file.slice(2)) : file;
  if (!existsSync(resolved)) throw new CliError(`key file ${resolved} does not exist`);
  requireOwnerOnly(resolved, 'key file');
  return readFileSync(resolved, 'utf8').trim();
}

const DEFAULT_URLS = {
  metering: 'http://127.0.0.1:50051',
  rating: 'http://127.0.0.1:50052',
  invoicing: 'http://127.0.0.1:50053',
};

/**
 * The profile a command runs with: --profile, else CASCADE_PROFILE, else the file's
 * default_profile. Without a config file: local services and CASCADE_API_KEY.
 */
export function loadProfile(
  requested: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Profile {
  const file = configPath(env);
  const name = requested || env.CASCADE_PROFILE || '';
  if (!existsSync(file)) {
    if (name) throw new CliError(`profile "${name}" not found: no config file at ${file}`);
    return { name: 'default', urls: DEFAULT_URLS, key: env.CASCADE_API_KEY ?? '' };
  }
  const config = readConfig(file);
  const chosen = name || config.default_profile || 'default';
  const entry = config.profiles?.[chosen];
  if (!entry) {
    const known = Object.keys(config.profiles ?? {}).join(', ') || 'none';
    throw new CliError(`profile "${chosen}" not found in ${file} (profiles: ${known})`);
  }
  const one = entry.url;
  const urls = {
    metering: entry.metering_url || one || DEFAULT_URLS.metering,
    rating: entry.rating_url || one || DEFAULT_URLS.rating,
    invoicing: entry.invoicing_url || one || DEFAULT_URLS.invoicing,
  };
  return { name: chosen, urls, key: profileKey(chosen, entry, env) };
}

function profileKey(name: string, entry: ProfileEntry, env: NodeJS.ProcessEnv): string {
  if (entry.key_env) {
    const key = env[entry.key_env];
    if (!key)
      throw new CliError(`profile "${name}": environment variable ${entry.key_env} is not set`);
    return key;
  }
  if (entry.key_file) return readKeyFile(entry.key_file);
  return env.CASCADE_API_KEY ?? '';
}

/** The profiles a config file names, without their keys. */
export function listProfiles(
  env: NodeJS.ProcessEnv = process.env,
): { name: string; urls: Profile['urls']; key_source: string; default: boolean }[] {
  const file = configPath(env);
  if (!existsSync(file)) return [];
  const config = readConfig(file);
  return Object.entries(config.profiles ?? {}).map(([name, entry]) => ({
    name,
    urls: {
      metering: entry.metering_url || entry.url || DEFAULT_URLS.metering,
      rating: entry.rating_url || entry.url || DEFAULT_URLS.rating,
      invoicing: entry.invoicing_url || entry.url || DEFAULT_URLS.invoicing,
    },
    key_source: entry.key_env
      ? `env ${entry.key_env}`
      : entry.key_file
        ? `file ${entry.key_file}`
        : 'env CASCADE_API_KEY',
    default: name === (config.default_profile || 'default'),
  }));
}
