import { Inject, Injectable, Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import { actorOf, Principal } from '../auth/principal';
import { likePrefix } from './like-prefix';
import { AuditEntity, AuditRow } from './audit.entity';

export const AUDIT_SERVICE_NAME = Symbol('AUDIT_SERVICE_NAME');

export interface AuditEntry {
  rpc: string;
  principal: Principal;
  tenantId: string;
  tenantPath: string;
  outcome: string;
  details: string;
}

export interface AuditQuery {
  /** '' for every tree. */
  pathPrefix: string;
  from?: Date;
  to?: Date;
  pageSize: number;
  /** Events older than this sequence number. */
  before?: number;
}

/** The service's audit log, in its own database. */
@Injectable()
export class AuditLog {
  private readonly log = new Logger('audit');

  constructor(
    @Inject(MikroORM) private readonly orm: MikroORM,
    @Inject(AUDIT_SERVICE_NAME) private readonly service: string,
  ) {}

  /** The row of an event, stamped now. */
  row(entry: AuditEntry): AuditRow {
    const actor = actorOf(entry.principal);
    return {
      at: new Date(),
      service: this.service,
      rpc: entry.rpc,
      actorKind: actor.kind === 'key' ? 'api_key' : actor.kind,
      actorKeyId: actor.kind === 'key' ? actor.keyId : '',
      actorTenantId: actor.kind === 'key' ? actor.tenantId : '',
      actorRole: actor.kind === 'key' ? actor.role : actor.kind === 'operator' ? 'ADMIN' : '',
      viaService: entry.principal.kind === 'service' && actor !== entry.principal ? 'service' : '',
      tenantId: entry.tenantId,
      tenantPath: entry.tenantPath,
      outcome: entry.outcome,
      details: entry.details,
    };
  }

  /**
   * Writes one event in its own transaction, for what no change carried (a
   * refusal, a failed call); a failure is logged loudly, never thrown.
   */
  async record(entry: AuditEntry): Promise<void> {
    try {
      const em = this.orm.em.fork();
      em.create(AuditEntity, this.row(entry));
      await em.flush();
    } catch (error) {
      this.log.error(
        `could not record ${entry.rpc} (${entry.outcome}) in the audit log: ${String(error)}`,
      );
    }
  }

  /** Newest first. */
  async list(query: AuditQuery): Promise<AuditRow[]> {
    const where: Record<string, unknown> = {};
    if (query.pathPrefix) where.tenantPath = { $like: likePrefix(query.pathPrefix) };
    if (query.before !== undefined) where.seq = { $lt: query.before };
    const at: Record<string, Date> = {};
    if (query.from) at.$gte = query.from;
    if (query.to) at.$lt = query.to;
    if (query.from || query.to) where.at = at;
    return this.orm.em
      .fork()
      .find(AuditEntity, where, { orderBy: { seq: 'desc' }, limit: query.pageSize });
  }
}
