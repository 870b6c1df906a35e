import type { Channel, ConfirmChannel, ConsumeMessage } from 'amqplib';

/** Headers on a dead-lettered message, for whoever inspects the dead-letter queue. */
export const REASON_HEADER = 'x-cascade-reason';
export const EXCHANGE_HEADER = 'x-cascade-exchange';
export const ROUTING_KEY_HEADER = 'x-cascade-routing-key';

/**
 * Moves a message the adapter cannot read to the dead-letter queue with the
 * reason, then acknowledges it. The copy is confirmed by the broker before
 * the original is acknowledged, so the message exists somewhere at every
 * moment. If the copy fails, a reject without requeue still dead-letters it
 * (through the queue's x-dead-letter-exchange), only without our reason.
 */
export async function deadLetter(
  consumer: Channel,
  publisher: ConfirmChannel,
  deadLetterQueue: string,
  message: ConsumeMessage,
  reason: string,
): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      publisher.sendToQueue(
        deadLetterQueue,
        message.content,
        {
          persistent: true,
          contentType: message.properties.contentType as string | undefined,
          messageId: message.properties.messageId as string | undefined,
          headers: {
            ...message.properties.headers,
            [REASON_HEADER]: reason,
            [EXCHANGE_HEADER]: message.fields.exchange,
            [ROUTING_KEY_HEADER]: message.fields.routingKey,
          },
        },
        (error: unknown) => (error ? reject(error) : resolve()),
      );
    });
    consumer.ack(message);
  } catch {
    consumer.reject(message, false);
  }
}
