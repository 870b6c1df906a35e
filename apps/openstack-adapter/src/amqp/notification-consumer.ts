import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { PlatformAdapter, SdkLogger, UsageClient } from '@cascade/plugin-sdk';
import { deadLetter } from './dead-letter';

export interface ConsumerHooks {
  /** Test seam: runs once a message's events are durable, before the broker is told. */
  beforeAck?: (message: ConsumeMessage) => Promise<void>;
}

export interface ConsumerCounters {
  received: number;
  redelivered: number;
  acknowledged: number;
  deadLettered: number;
  requeued: number;
}

export interface ConsumerParts {
  channel: Channel;
  publisher: ConfirmChannel;
  queue: string;
  deadLetterQueue: string;
  prefetch: number;
  adapter: PlatformAdapter;
  client: UsageClient;
  logger: SdkLogger;
  hooks: ConsumerHooks;
  /** Called when the broker cancels the consumer (the queue was deleted). */
  onCancelled: () => void;
}

/** A transient failure (the spool's disk) is retried after this, not in a hot loop. */
const REQUEUE_DELAY_MS = 1_000;

/**
 * Consumes notifications and acknowledges each one only after the usage
 * client holds its events durably (spool fsync). Messages are handled
 * concurrently up to the prefetch, which is what lets the client batch many
 * notifications into one write; acknowledgements are per message.
 */
export class NotificationConsumer {
  readonly counters: ConsumerCounters = {
    received: 0,
    redelivered: 0,
    acknowledged: 0,
    deadLettered: 0,
    requeued: 0,
  };
  private readonly inFlight = new Set<Promise<void>>();
  private consumerTag?: string;

  constructor(private readonly parts: ConsumerParts) {}

  async start(): Promise<void> {
    const { channel, queue, prefetch } = this.parts;
    await channel.prefetch(prefetch);
    const reply = await channel.consume(queue, (message) => {
      if (message === null) return this.parts.onCancelled();
      const work = this.handle(message).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.consumerTag = reply.consumerTag;
  }

  /** Stops deliveries, then lets every message in hand finish and be acknowledged. */
  async stop(): Promise<void> {
    if (this.consumerTag) await this.parts.channel.cancel(this.consumerTag);
    this.consumerTag = undefined;
    await Promise.allSettled([...this.inFlight]);
  }

  private async handle(message: ConsumeMessage): Promise<void> {
    const { channel, adapter, client, logger } = this.parts;
    this.counters.received += 1;
    if (message.fields.redelivered) this.counters.redelivered += 1;
    try {
      const stamp = message.properties.timestamp as number | undefined;
      const receivedAt = typeof stamp === 'number' ? new Date(stamp * 1000) : new Date();
      const translation = adapter.translate(message.content, { receivedAt });
      if (translation.kind === 'malformed') return await this.reject(message, translation.reason);
      try {
        await client.recordChanges(translation.changes);
      } catch (error) {
        // A change the SDK refuses is as permanent as a malformed message.
        if (error instanceof RangeError) return await this.reject(message, error.message);
        throw error;
      }
      await this.parts.hooks.beforeAck?.(message);
    } catch (error) {
      return this.requeue(message, error);
    }
    try {
      channel.ack(message);
      this.counters.acknowledged += 1;
    } catch (error) {
      // The channel is gone: the broker redelivers, and the events' ids make that a duplicate.
      logger.warn(`could not acknowledge ${describe(message)}: ${String(error)}`);
    }
  }

  /** The events are not durable (the spool's disk failed): the broker must keep the message. */
  private async requeue(message: ConsumeMessage, error: unknown): Promise<void> {
    this.parts.logger.error(
      `could not store ${describe(message)}, requeueing it: ${String(error)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, REQUEUE_DELAY_MS));
    try {
      this.parts.channel.nack(message, false, true);
      this.counters.requeued += 1;
    } catch {
      // The channel is gone; the broker requeues every unacknowledged message itself.
    }
  }

  private async reject(message: ConsumeMessage, reason: string): Promise<void> {
    const { channel, publisher, deadLetterQueue, logger } = this.parts;
    logger.warn(`dead-lettered ${describe(message)} to ${deadLetterQueue}: ${reason}`);
    await deadLetter(channel, publisher, deadLetterQueue, message, reason);
    this.counters.deadLettered += 1;
  }
}

function describe(message: ConsumeMessage): string {
  return `message ${message.fields.deliveryTag} from ${message.fields.exchange || '(default)'}/${message.fields.routingKey}`;
}
