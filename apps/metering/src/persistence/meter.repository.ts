import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { MeterEntity, MeterRow } from './meter.entity';

@Injectable()
export class MeterRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  find(code: string): Promise<MeterRow | null> {
    return this.orm.em.fork().findOne(MeterEntity, { code });
  }

  list(): Promise<MeterRow[]> {
    return this.orm.em.fork().find(MeterEntity, {}, { orderBy: { code: 'asc' } });
  }

  async insert(meter: MeterRow): Promise<void> {
    const em = this.orm.em.fork();
    em.create(MeterEntity, meter);
    await em.flush();
  }
}
