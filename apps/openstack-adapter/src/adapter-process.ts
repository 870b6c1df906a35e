import * as amqp from 'amqplib';
import { SdkLogger, tenantMapping, UsageClient } from '@cascade/plugin-sdk';
import { openStackAdapter } from '@cascade/openstack-adapter';
import {
  ConsumerCounters,
  ConsumerHooks,
  NotificationConsumer,
} from './amqp/notification-consumer';
import { declareTopology } from './amqp/topology';
import type { AdapterConfig } from './config';

export interface RunningAdapter {
  client: UsageClient;
  counters(): ConsumerCounters;
  retryParked(): Promise<number>;
  /** Graceful: stop deliveries, finish and acknowledge messages in hand, flush. */
  stop(): Promise<void>;
  /** Abrupt, as a crash: drop the broker connection with messages unacknowledged. */
  kill(): Promise<void>;
  /** Resolves with the reason when the broker connection ends without stop() or kill(). */
  lost: Promise<string>;
}

/**
 * The adapter process: usage client (spool, drain to metering), then the
 * broker topology, then consumption. A lost broker connection is not
 * retried here: `lost` resolves and main exits non-zero, so the supervisor
 * restarts it; unacknowledged messages and the spool make that safe.
 */
export async function startAdapter(
  config: AdapterConfig,
  options: { logger: SdkLogger; hooks?: ConsumerHooks },
): Promise<RunningAdapter> {
  const { logger } = options;
  if (!config.meteringToken)
    throw new Error(
      'meteringToken: an API key for metering is required (or CASCADE_METERING_TOKEN)',
    );
  const client = await UsageClient.open({
    meteringUrl: config.meteringUrl,
    tls: config.meteringTls,
    token: config.meteringToken,
    spoolDir: config.spoolDir,
    source: config.source,
    tenants: tenantMapping(config.tenants),
    logger,
    ...config.batch,
    backoff: config.retry,
  });
  if (config.createMeters) await createMeters(client, logger);
  const parked = (await client.parked()).length;
  if (parked > 0)
    logger.warn(`${parked} parked event(s) in ${config.spoolDir}/parked (SIGHUP retries them)`);

  const connection = await amqp.connect(config.broker.url);
  let stopping = false;
  let markLost: (reason: string) => void = () => undefined;
  const lost = new Promise<string>((resolve) => {
    markLost = (reason) => {
      if (!stopping) resolve(reason);
    };
  });
  // An 'error' event without a listener would crash the process; log it, 'close' follows.
  connection.on('error', (error: Error) => logger.error(`broker: ${error.message}`));
  connection.on('close', (error?: Error) =>
    markLost(`broker connection closed: ${error?.message ?? 'by the broker'}`),
  );
  await declareTopology(connection, config);
  const channel = await connection.createChannel();
  const publisher = await connection.createConfirmChannel();
  for (const [name, opened] of [
    ['consumer', channel],
    ['dead-letter', publisher],
  ] as const) {
    opened.on('error', (error: Error) => logger.error(`${name} channel: ${error.message}`));
    // A channel closed under a live connection would leave the process consuming nothing.
    opened.on('close', () => markLost(`${name} channel closed`));
  }
  const consumer = new NotificationConsumer({
    channel,
    publisher,
    queue: config.queue,
    deadLetterQueue: config.deadLetterQueue,
    prefetch: config.broker.prefetch,
    adapter: openStackAdapter,
    client,
    logger,
    hooks: options.hooks ?? {},
    onCancelled: () => markLost('consumer cancelled by the broker'),
  });
  await consumer.start();
  logger.info(
    `consuming ${config.queue} (${config.exchanges.join(', ')} × ${config.topics.join(', ')}) into ${config.meteringUrl}`,
  );

  const retryParked = async () => {
    const count = await client.retryParked();
    if (count > 0) logger.info(`retrying ${count} parked event(s)`);
    return count;
  };
  const retryTimer =
    config.parkedRetryIntervalMs > 0
      ? setInterval(() => void retryParked().catch(() => undefined), config.parkedRetryIntervalMs)
      : undefined;
  retryTimer?.unref();

  return {
    client,
    counters: () => ({ ...consumer.counters }),
    retryParked,
    lost,
    async stop() {
      stopping = true;
      clearInterval(retryTimer);
      await consumer.stop();
      await client.close();
      await connection.close().catch(() => undefined);
    },
    async kill() {
      stopping = true;
      clearInterval(retryTimer);
      await connection.close().catch(() => undefined);
      await client.close();
    },
  };
}

/** Missing meters would park every event; a metering outage at start must not stop the adapter. */
async function createMeters(client: UsageClient, logger: SdkLogger): Promise<void> {
  try {
    const created = await client.ensureGaugeMeters();
    if (created.length > 0) logger.info(`created meters ${created.join(', ')}`);
  } catch (error) {
    logger.warn(`could not check the gauge meters (continuing): ${String(error)}`);
  }
}
