import type { ChannelModel } from 'amqplib';
import type { AdapterConfig } from '../config';

/**
 * Declares what the adapter consumes from: the oslo exchanges (only if
 * missing: OpenStack services own them, and re-declaring one with other
 * flags would close the channel), our durable queue bound to every topic on
 * every exchange, and the dead-letter queue. The queue dead-letters to it
 * too, so even a message rejected without our reason header is kept.
 */
export async function declareTopology(
  connection: ChannelModel,
  config: AdapterConfig,
): Promise<void> {
  for (const exchange of config.exchanges) {
    if (!(await exchangeExists(connection, exchange))) {
      const channel = await connection.createChannel();
      await channel.assertExchange(exchange, 'topic', { durable: config.exchangeDurable });
      await channel.close();
    }
  }
  const channel = await connection.createChannel();
  try {
    await channel.assertQueue(config.deadLetterQueue, { durable: true });
    await channel.assertQueue(config.queue, {
      durable: true,
      arguments: {
        'x-dead-letter-exchange': '',
        'x-dead-letter-routing-key': config.deadLetterQueue,
      },
    });
    for (const exchange of config.exchanges) {
      for (const topic of config.topics) await channel.bindQueue(config.queue, exchange, topic);
    }
  } finally {
    await channel.close();
  }
}

/** checkExchange closes its channel on 404, so it gets a channel of its own. */
async function exchangeExists(connection: ChannelModel, exchange: string): Promise<boolean> {
  const channel = await connection.createChannel();
  channel.on('error', () => undefined);
  try {
    await channel.checkExchange(exchange);
    await channel.close();
    return true;
  } catch {
    return false;
  }
}
