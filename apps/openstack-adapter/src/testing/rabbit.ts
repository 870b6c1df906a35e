import * as amqp from 'amqplib';

export const BROKER_URL = process.env.CASCADE_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672/';

/**
 * Whether the suite can reach RabbitMQ. Under CI an unreachable broker fails
 * the suite (green must mean the broker tests ran); on a workstation the
 * tests return early with a printed warning instead.
 */
export async function rabbitOrWarn(): Promise<boolean> {
  try {
    const connection = await amqp.connect(BROKER_URL);
    await connection.close();
    return true;
  } catch (error) {
    const message = `RabbitMQ at ${BROKER_URL} is unreachable (${String(error)}); start it with: rabbitmq-server -detached`;
    if (process.env.CI === 'true') throw new Error(message);
    console.warn(`SKIPPING broker tests: ${message}`);
    return false;
  }
}

/** Names no other test run uses, so runs in parallel and leftovers never collide. */
export function uniqueNames(label: string) {
  const id = `${label}-${process.pid}-${Date.now().toString(36)}`;
  return {
    id,
    exchanges: { nova: `nova-${id}`, cinder: `cinder-${id}`, neutron: `neutron-${id}` },
    queue: `cascade-${id}`,
    deadLetterQueue: `cascade-${id}.dead`,
  };
}

export type Names = ReturnType<typeof uniqueNames>;

/** A publishing connection that waits for broker confirms, as oslo would. */
export class TestBroker {
  private constructor(
    private readonly connection: amqp.ChannelModel,
    private readonly channel: amqp.ConfirmChannel,
  ) {}

  static async open(): Promise<TestBroker> {
    const connection = await amqp.connect(BROKER_URL);
    return new TestBroker(connection, await connection.createConfirmChannel());
  }

  async publish(exchange: string, routingKey: string, body: string): Promise<void> {
    this.channel.publish(exchange, routingKey, Buffer.from(body), {
      contentType: 'application/json',
    });
    await this.channel.waitForConfirms();
  }

  /** Every message in a queue, taken off it (acknowledged). */
  async drainQueue(queue: string): Promise<amqp.GetMessage[]> {
    const messages: amqp.GetMessage[] = [];
    for (;;) {
      const message = await this.channel.get(queue, { noAck: true });
      if (message === false) return messages;
      messages.push(message);
    }
  }

  async readyCount(queue: string): Promise<number> {
    return (await this.channel.checkQueue(queue)).messageCount;
  }

  async remove(names: Names): Promise<void> {
    await this.channel.deleteQueue(names.queue);
    await this.channel.deleteQueue(names.deadLetterQueue);
    for (const exchange of Object.values(names.exchanges))
      await this.channel.deleteExchange(exchange);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
