import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { ApiKeyEntity, ApiKeyRow } from './api-key.entity';

@Injectable()
export class ApiKeyRepository {
  constructor(@Inject(MikroORM) private readonly orm: MikroORM) {}

  find(id: string): Promise<ApiKeyRow | null> {
    return this.orm.em.fork().findOne(ApiKeyEntity, { id });
  }

  list(tenantId: string, includeRevoked: boolean): Promise<ApiKeyRow[]> {
    const where = includeRevoked ? { tenantId } : { tenantId, revokedAt: null };
    return this.orm.em
      .fork()
      .find(ApiKeyEntity, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }

  async insert(row: ApiKeyRow): Promise<void> {
    const em = this.orm.em.fork();
    em.create(ApiKeyEntity, row);
    await em.flush();
  }

  /** Sets revoked_at once; returns the key as it now is, or null if there is none. */
  async revoke(id: string, at: Date): Promise<ApiKeyRow | null> {
    return this.orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(ApiKeyEntity, { id });
      if (!row) return null;
      if (row.revokedAt === null) row.revokedAt = at;
      return row;
    });
  }
}
