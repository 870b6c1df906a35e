import { Injectable } from '@nestjs/common';
import { MeterRepository } from '../persistence/meter.repository';
import { MeterRow } from '../persistence/meter.entity';

/**
 * Meters never change once created, so ingest keeps them in memory and reloads
 * only when a batch names a code it has not seen (created on another replica).
 */
@Injectable()
export class MeterCatalog {
  private meters = new Map<string, MeterRow>();

  constructor(private readonly repository: MeterRepository) {}

  async forCodes(codes: Iterable<string>): Promise<ReadonlyMap<string, MeterRow>> {
    for (const code of codes) {
      if (!this.meters.has(code)) {
        this.meters = new Map((await this.repository.list()).map((m) => [m.code, m]));
        break;
      }
    }
    return this.meters;
  }
}
