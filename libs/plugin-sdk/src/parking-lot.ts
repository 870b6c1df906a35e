import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { syncDirectory } from './spool/segment-files';

export interface ParkedEvent {
  event: UsageEventDraft;
  /** Metering's rejection reason ("tenant: unknown tenant ...") or the SDK's. */
  reason: string;
  parkedAt: string;
}

/**
 * Events metering refused, kept on disk until an operator fixes the cause
 * (creates the tenant, fixes the mapping) and retries them. One file per
 * event, named by its (source, id), so parking the same event twice keeps
 * one copy and removing one after a retry is a single unlink.
 */
export class ParkingLot {
  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<ParkingLot> {
    await fs.mkdir(dir, { recursive: true });
    return new ParkingLot(dir);
  }

  async park(entries: readonly { event: UsageEventDraft; reason: string }[]): Promise<void> {
    if (entries.length === 0) return;
    const parkedAt = new Date().toISOString();
    for (const { event, reason } of entries) {
      const file = this.fileOf(event);
      const temporary = `${file}.tmp`;
      const body: ParkedEvent = { event, reason, parkedAt };
      // Write, fsync, rename: a crash leaves the old file or the new one, never half of one.
      const handle = await fs.open(temporary, 'w');
      try {
        await handle.writeFile(JSON.stringify(body));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.rename(temporary, file);
    }
    await syncDirectory(this.dir);
  }

  /** Every parked event, oldest first. */
  async list(): Promise<ParkedEvent[]> {
    const names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json'));
    const parked = await Promise.all(
      names.map(
        async (n) => JSON.parse(await fs.readFile(path.join(this.dir, n), 'utf8')) as ParkedEvent,
      ),
    );
    return parked.sort(
      (a, b) =>
        a.parkedAt.localeCompare(b.parkedAt) ||
        a.event.timestamp.localeCompare(b.event.timestamp) ||
        a.event.id.localeCompare(b.event.id),
    );
  }

  async remove(events: readonly UsageEventDraft[]): Promise<void> {
    for (const event of events) await fs.rm(this.fileOf(event), { force: true });
    if (events.length > 0) await syncDirectory(this.dir);
  }

  private fileOf(event: UsageEventDraft): string {
    const key = createHash('sha256')
      .update(JSON.stringify([event.source, event.id]))
      .digest('hex');
    return path.join(this.dir, `${key}.json`);
  }
}
