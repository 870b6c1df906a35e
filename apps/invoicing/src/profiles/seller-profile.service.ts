import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { EffectiveProfile, effectiveProfile } from '@cascade/invoicing-domain';
import { TenantGateway } from '../billing/tenant.gateway';
import { SellerProfileEntity, SellerProfileRow } from '../persistence/seller-profile.entity';
import { fromRow, ProfileChanges, toRow } from './seller-profile.conversions';

export interface ProfileView {
  tenantId: string;
  profile: EffectiveProfile;
  /** When the tenant last changed its own profile; undefined when it never did. */
  updatedAt?: Date;
}

/** Seller profiles: what each tenant set, and what is in force for it down the tree. */
@Injectable()
export class SellerProfileService {
  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    private readonly tenants: TenantGateway,
  ) {}

  async set(tenantId: string, changes: ProfileChanges): Promise<ProfileView> {
    await this.orm.em.fork().transactional(async (em) => {
      const current = await em.findOne(SellerProfileEntity, { tenantId });
      await em.upsert(SellerProfileEntity, toRow(tenantId, current, changes, new Date()));
    });
    return this.effective(tenantId);
  }

  /** Each field from the nearest tenant on the path (the tenant itself first) that set it. */
  async effective(tenantId: string): Promise<ProfileView> {
    const path = await this.tenants.pathOf(tenantId);
    const rows = await this.orm.em.fork().find(SellerProfileEntity, { tenantId: { $in: path } });
    const byTenant = new Map<string, SellerProfileRow>(rows.map((row) => [row.tenantId, row]));
    const chain = path.flatMap((id) => {
      const row = byTenant.get(id);
      return row ? [fromRow(row)] : [];
    });
    return {
      tenantId,
      profile: effectiveProfile(chain),
      updatedAt: byTenant.get(tenantId)?.updatedAt,
    };
  }
}
