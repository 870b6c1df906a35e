import { create, MessageInitShape } from '@bufbuild/protobuf';
import { Client, Code, ConnectError } from '@connectrpc/connect';
import { RecordUsageRequest, RecordUsageResponseSchema, UsageService } from '@cascade/contracts';
import { tenantMapping } from './tenant-mapping';
import { draftRange } from './testing/drafts';
import { openUsageStream } from './usage-stream';

/**
 * A StreamUsage stand-in that answers each request with `answer(request)`,
 * in order, and keeps what it was sent.
 */
function fakeUsage(
  answer: (request: RecordUsageRequest) => MessageInitShape<typeof RecordUsageResponseSchema>,
) {
  const received: RecordUsageRequest[] = [];
  const client = {
    streamUsage: (requests: AsyncIterable<RecordUsageRequest>) =>
      (async function* () {
        for await (const request of requests) {
          received.push(request);
          yield create(RecordUsageResponseSchema, answer(request));
        }
      })(),
  } as unknown as Client<typeof UsageService>;
  return { client, received };
}

async function take<T>(source: AsyncIterable<T>, count: number): Promise<T[]> {
  const taken: T[] = [];
  for await (const value of source) {
    taken.push(value);
    if (taken.length === count) break;
  }
  return taken;
}

describe('usage stream', () => {
  it("matches each acknowledgement to its batch: rejections by index, unmapped projects the SDK's own", async () => {
    const { client, received } = fakeUsage((request) => ({
      batchId: request.batchId,
      accepted: request.events.length - 1,
      rejected: [{ index: 1, eventId: request.events[1]?.id, reason: 'meter_code: unknown meter' }],
      conflicts: 1,
      conflicting: [{ index: 0, eventId: request.events[0]?.id, reason: 'id: reused' }],
    }));
    const tenants = tenantMapping({ map: { 'proj-a': 'acme' }, unmapped: 'park' });
    const stream = openUsageStream(client, tenants, new AbortController().signal);
    // The second event's project has no tenant: it never leaves the SDK.
    const batch = draftRange(0, 4).map((d, i) => (i === 1 ? { ...d, projectId: 'proj-z' } : d));
    stream.send(batch);
    stream.send(draftRange(10, 2));

    const [first, second] = await take(stream.outcomes, 2);
    expect(received.map((r) => [r.batchId, r.events.map((e) => e.id)])).toEqual([
      ['1', ['evt-000000', 'evt-000002', 'evt-000003']],
      ['2', ['evt-000010', 'evt-000011']],
    ]);
    expect(received[0]?.events[0]?.tenantExternalRef).toBe('acme');
    expect(first).toEqual({
      accepted: 2,
      duplicates: 0,
      conflicts: [{ event: batch[0], reason: 'id: reused' }],
      refused: [
        { event: batch[1], reason: 'tenant: no mapping for project proj-z' },
        { event: batch[2], reason: 'meter_code: unknown meter' },
      ],
    });
    expect(second?.refused.map((r) => r.event.id)).toEqual(['evt-000011']);
    expect(second?.conflicts.map((r) => r.event.id)).toEqual(['evt-000010']);
  });

  it('an acknowledgement out of turn breaks the stream instead of settling the wrong batch', async () => {
    const { client } = fakeUsage(() => ({ batchId: '7', accepted: 1 }));
    const stream = openUsageStream(client, tenantMapping(), new AbortController().signal);
    stream.send(draftRange(0, 1));
    await expect(take(stream.outcomes, 1)).rejects.toEqual(
      new ConnectError('acknowledgement of batch "7" out of turn (expected "1")', Code.Internal),
    );
  });
});
