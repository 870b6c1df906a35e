import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MeteringTlsOptions, TenantMappingConfig } from '@cascade/plugin-sdk';
import { readMeteringTls } from './metering-tls';

/** The adapter's config file (README.md, docs/OPENSTACK.md). */
export interface AdapterConfig {
  broker: {
    /** amqp://user:password@host:5672/vhost — the transport_url oslo.messaging uses. */
    url: string;
    /** Unacknowledged messages in flight; they are what fills a batch. */
    prefetch: number;
  };
  /** oslo control exchanges to bind to: nova, cinder, neutron, or openstack. */
  exchanges: string[];
  /** Exchange type and durability used when an exchange does not exist yet (oslo's defaults). */
  exchangeDurable: boolean;
  /** Routing keys: "<topic>.<priority>", e.g. notifications.info. */
  topics: string[];
  queue: string;
  /** Where malformed messages go, with their reason; default "<queue>.dead". */
  deadLetterQueue: string;
  /** https://… for TLS, with meteringTls unless metering's certificate chains to a system CA. */
  meteringUrl: string;
  /**
   * PEM contents read from `meteringTls: { ca, cert, key }` (file paths) or
   * CASCADE_TLS_CA / CASCADE_TLS_CERT / CASCADE_TLS_KEY: the CA metering's
   * certificate must chain to, and a client certificate for mutual TLS.
   */
  meteringTls?: MeteringTlsOptions;
  /**
   * The API key sent to metering (role INGEST; the operator's token if the
   * adapter is to create missing meters). CASCADE_METERING_TOKEN overrides the
   * file, so the secret need not be written in it.
   */
  meteringToken: string;
  spoolDir: string;
  /** Event ids are unique per source: one name per region or cloud. */
  source: string;
  tenants: TenantMappingConfig;
  /** Create the five gauge meters in metering at start if missing. */
  createMeters: boolean;
  /** How often parked events are retried (they also are on SIGHUP); 0 never. */
  parkedRetryIntervalMs: number;
  batch: { maxBatch?: number; maxQueue?: number; flushIntervalMs?: number };
  /** Backoff between attempts while metering is unreachable. */
  retry: { initialMs?: number; maxMs?: number };
}

type Input = Partial<Record<keyof AdapterConfig, unknown>>;

/** Validates a parsed config file and fills defaults; errors name the field. */
export function parseConfig(
  raw: unknown,
  baseDir = process.cwd(),
  env: NodeJS.ProcessEnv = process.env,
): AdapterConfig {
  if (typeof raw !== 'object' || raw === null) throw new TypeError('config: not a JSON object');
  const input = raw as Input;
  const broker = (input.broker ?? {}) as { url?: unknown; prefetch?: unknown };
  const queue = requireText(input.queue, 'queue');
  const meteringUrl = requireText(input.meteringUrl ?? 'http://127.0.0.1:50051', 'meteringUrl');
  return {
    broker: {
      url: requireText(broker.url, 'broker.url'),
      prefetch: positiveInteger(broker.prefetch ?? 200, 'broker.prefetch'),
    },
    exchanges: textList(input.exchanges ?? ['nova', 'cinder', 'neutron'], 'exchanges'),
    exchangeDurable: input.exchangeDurable === true,
    topics: textList(input.topics ?? ['notifications.info'], 'topics'),
    queue,
    deadLetterQueue:
      input.deadLetterQueue === undefined
        ? `${queue}.dead`
        : requireText(input.deadLetterQueue, 'deadLetterQueue'),
    meteringUrl,
    meteringTls: readMeteringTls(input.meteringTls, meteringUrl, baseDir, env),
    meteringToken:
      env.CASCADE_METERING_TOKEN ||
      (typeof input.meteringToken === 'string' ? input.meteringToken : ''),
    spoolDir: path.resolve(baseDir, requireText(input.spoolDir, 'spoolDir')),
    source: requireText(input.source ?? 'openstack', 'source'),
    tenants: (input.tenants ?? {}) as TenantMappingConfig,
    createMeters: input.createMeters !== false,
    parkedRetryIntervalMs:
      input.parkedRetryIntervalMs === undefined
        ? 600_000
        : nonNegativeInteger(input.parkedRetryIntervalMs, 'parkedRetryIntervalMs'),
    batch: (input.batch ?? {}) as AdapterConfig['batch'],
    retry: (input.retry ?? {}) as AdapterConfig['retry'],
  };
}

/** Reads and validates the file; a relative spoolDir is relative to the file. */
export function loadConfig(file: string): AdapterConfig {
  const text = fs.readFileSync(file, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`${file}: not JSON: ${String(error)}`);
  }
  return parseConfig(parsed, path.dirname(path.resolve(file)));
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new TypeError(`${field}: a non-empty string is required`);
  return value;
}

function textList(value: unknown, field: string): string[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new TypeError(`${field}: a non-empty list of strings is required`);
  return value.map((item, i) => requireText(item, `${field}[${i}]`));
}

function positiveInteger(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new TypeError(`${field}: a positive integer is required`);
  return value as number;
}

function nonNegativeInteger(value: unknown, field: string): number {
  if (!Number.isInteger(value) || (value as number) < 0)
    throw new TypeError(`${field}: a non-negative integer is required`);
  return value as number;
}
