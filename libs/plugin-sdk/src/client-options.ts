import type { SdkLogger } from './logger';
import type { BackoffPolicy } from './retry';
import type { TenantMapping } from './tenant-mapping';

/**
 * How the client connects to an https:// metering, as PEM contents (what
 * node:tls takes; read files yourself). Without `ca`, metering's certificate
 * is verified against the system's trust store.
 */
export interface MeteringTlsOptions {
  /** The CA(s) metering's certificate must chain to. */
  ca?: string | Buffer;
  /** The client certificate presented under mutual TLS, with its `key`. */
  cert?: string | Buffer;
  key?: string | Buffer;
}

export interface UsageClientOptions {
  /** Metering's gRPC endpoint, e.g. http://127.0.0.1:50051, or https://… for TLS. */
  meteringUrl: string;
  /** For an https:// meteringUrl only. */
  tls?: MeteringTlsOptions;
  /**
   * The bearer token sent with every call: an API key with role INGEST of the
   * tenant whose subtree the platform meters (creating missing meters, which
   * ensureGaugeMeters does, needs the installation operator's token).
   */
  token: string;
  /** Holds the spool (segments/) and the parking lot (parked/); one directory per client. */
  spoolDir: string;
  /** The producer name: event ids are unique per source. */
  source: string;
  tenants?: TenantMapping;
  maxBatch?: number;
  maxQueue?: number;
  flushIntervalMs?: number;
  /** Batches on the stream awaiting their acknowledgement, at most. */
  maxInFlight?: number;
  /**
   * How long metering may take to acknowledge the oldest batch on the stream
   * before the stream counts as broken (and the deadline of other calls).
   */
  callTimeoutMs?: number;
  backoff?: Partial<BackoffPolicy>;
  segmentBytes?: number;
  logger?: SdkLogger;
}

/** Defaults sized for one adapter process: a batch is one fsync and one message on the stream. */
export const CLIENT_DEFAULTS = {
  maxBatch: 500,
  maxQueue: 5_000,
  flushIntervalMs: 50,
  maxInFlight: 4,
  callTimeoutMs: 10_000,
} as const;

/** Metering accepts at most 10,000 events per request (usage.proto). */
const METERING_MAX_BATCH = 10_000;

/** Refuses options that could only misbehave later, naming the option. */
export function checkOptions(options: UsageClientOptions): void {
  const maxBatch = options.maxBatch ?? CLIENT_DEFAULTS.maxBatch;
  const maxQueue = options.maxQueue ?? CLIENT_DEFAULTS.maxQueue;
  const maxInFlight = options.maxInFlight ?? CLIENT_DEFAULTS.maxInFlight;
  if (!options.meteringUrl) throw new RangeError('meteringUrl: is required');
  checkTls(options);
  if (!options.token) throw new RangeError('token: is required (an API key with role INGEST)');
  if (!options.spoolDir) throw new RangeError('spoolDir: is required');
  if (!options.source) throw new RangeError('source: is required');
  if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > METERING_MAX_BATCH)
    throw new RangeError(`maxBatch: must be an integer from 1 to ${METERING_MAX_BATCH}`);
  // A queue smaller than a batch would never fill a batch: size-triggered writes would never happen.
  if (!Number.isInteger(maxQueue) || maxQueue < maxBatch)
    throw new RangeError('maxQueue: must be an integer of at least maxBatch');
  if (!Number.isInteger(maxInFlight) || maxInFlight < 1)
    throw new RangeError('maxInFlight: must be a positive integer');
}

function checkTls({ meteringUrl, tls }: UsageClientOptions): void {
  if (!tls) return;
  if (!meteringUrl.startsWith('https://'))
    throw new RangeError(`tls: needs an https:// meteringUrl, not ${meteringUrl}`);
  if (tls.cert && !tls.key)
    throw new RangeError('tls.key: is required with tls.cert (the certificate’s key)');
  if (tls.key && !tls.cert)
    throw new RangeError('tls.cert: is required with tls.key (the key’s certificate)');
}
