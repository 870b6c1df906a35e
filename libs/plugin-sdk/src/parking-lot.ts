import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { UsageEventDraft } from '@cascade/plugin-sdk/domain';
import { Serial } from './signals';
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
  // Parking and taking out are serialised: an event re-parked by the drainer
  // while a retry is under way must not be deleted by that retry.
  private readonly serial = new Serial();

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<ParkingLot> {
    await fs.mkdir(dir, { recursive: true });
    return new ParkingLot(dir);
  }

  park(entries: readonly { event: UsageEventDraft; reason: string }[]): Promise<void> {
    return this.serial.run(() => this.write(entries));
  }

  /**
   * Hands every parked event to `resend` and unparks them once it resolves
   * (it spools them): a crash in between leaves them both parked and
   * spooled, which duplicates, never loses. Returns how many were taken.
   */
  takeAll(resend: (events: UsageEventDraft[]) => Promise<void>): Promise<number> {
    return this.serial.run(async () => {
      const events = (await this.list()).map((p) => p.event);
      if (events.length === 0) return 0;
      await resend(events);
      for (const event of events) await fs.rm(this.fileOf(event), { force: true });
      await syncDirectory(this.dir);
      return events.length;
    });
  }

  private async write(entries: readonly { event: UsageEventDraft; reason: string }[]) {
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

  private fileOf(event: UsageEventDraft): string {
    const key = createHash('sha256')
      .update(JSON.stringify([event.source, event.id]))
      .digest('hex');
    return path.join(this.dir, `${key}.json`);
  }
}
