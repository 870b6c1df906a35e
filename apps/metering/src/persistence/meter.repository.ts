import { Inject, Injectable } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/core';
import { MeterEntity, MeterRow } from './meter.entity';

@Injectable()
export class MeterRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  find(code: string): Promise<MeterRow | null> {
    return this.orm.em.fork().findOne(MeterEntity, { code });
  }

  /** Inside a transaction pass its manager: SQLite has a single connection. */
  list(em: EntityManager = this.orm.em.fork()): Promise<MeterRow[]> {
    return em.find(MeterEntity, {}, { orderBy: { code: 'asc' } });
  }

  async insert(meter: MeterRow): Promise<void> {
    const em = this.orm.em.fork();
    em.create(MeterEntity, meter);
    await em.flush();
  }
}
