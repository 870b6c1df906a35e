import { Client, Code, ConnectError } from '@connectrpc/connect';
import { createWritableIterable } from '@connectrpc/connect/protocol';
import type { RecordUsageRequest, UsageService } from '@cascade/contracts';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { BatchRequest, batchOutcome, batchRequest, SendOutcome } from './batch-outcome';
import type { TenantMapping } from './tenant-mapping';

/** One ingest stream: batches go in, one outcome per batch comes out, in the same order. */
export interface UsageStream {
  /** Writes a batch; its outcome comes out of `outcomes` in its turn. */
  send(batch: readonly UsageEventDraft[]): void;
  /** Ends when the stream does; throws when it breaks (the batches not yet answered are unknown). */
  readonly outcomes: AsyncIterable<SendOutcome>;
}

export type OpenStream = (signal: AbortSignal) => UsageStream;

/**
 * A StreamUsage call to metering, without a deadline of its own (it lives as
 * long as the drainer keeps it; the drainer times each acknowledgement).
 * Every batch carries a batch id that its acknowledgement must echo: an
 * answer out of turn breaks the stream rather than settle the wrong batch.
 */
export function openUsageStream(
  client: Client<typeof UsageService>,
  tenants: TenantMapping,
  signal: AbortSignal,
): UsageStream {
  const requests = createWritableIterable<Pick<RecordUsageRequest, 'events' | 'batchId'>>();
  const unanswered: BatchRequest[] = [];
  let sequence = 0;
  signal.addEventListener('abort', () => requests.close(), { once: true });
  const acks = client.streamUsage(requests, { signal, timeoutMs: 0 });
  return {
    send(batch) {
      const request = batchRequest(String(++sequence), tenants, batch);
      unanswered.push(request);
      // Settled by its acknowledgement, or lost with the stream: either way the drainer knows.
      requests.write({ events: request.events, batchId: request.batchId }).catch(() => undefined);
    },
    outcomes: (async function* () {
      for await (const ack of acks) {
        const request = unanswered.shift();
        if (request?.batchId !== ack.batchId)
          throw new ConnectError(
            `acknowledgement of batch "${ack.batchId}" out of turn (expected "${request?.batchId ?? ''}")`,
            Code.Internal,
          );
        yield batchOutcome(request, ack);
      }
    })(),
  };
}
