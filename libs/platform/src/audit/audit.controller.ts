import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { MessageInitShape } from '@bufbuild/protobuf';
import { AuditEventSchema, ListAuditEventsRequest } from '@cascade/contracts';
import { FieldProblems, notFound } from '../errors';
import { optionalInstant, requireAfter, toTimestamp } from '../proto-time';
import { TENANT_RESOLVER, TenantResolver } from '../auth/resolvers';
import { AccessPolicy, ADMINS, tenantId, tenants } from '../auth/access-policy';
import { AuditLog } from './audit-log';
import { AuditRow } from './audit.entity';

const LIST = 'cascade.common.v1.AuditService/ListAuditEvents';

/** Every service's policy includes this: the audit log is read by the subtree's admins. */
export const AUDIT_POLICY: AccessPolicy = {
  [LIST]: {
    roles: ADMINS,
    scope: tenants((r: ListAuditEventsRequest) => [tenantId('tenant_id', r.tenantId)]),
    changes: false,
  },
};

function toProto(row: AuditRow): MessageInitShape<typeof AuditEventSchema> {
  return {
    id: `${row.service}-${row.seq}`,
    time: toTimestamp(row.at),
    service: row.service,
    rpc: row.rpc,
    actorKind: row.actorKind,
    actorKeyId: row.actorKeyId,
    actorTenantId: row.actorTenantId,
    actorRole: row.actorRole,
    viaService: row.viaService,
    tenantId: row.tenantId,
    outcome: row.outcome,
    details: row.details,
  };
}

@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    @Inject(TENANT_RESOLVER) private readonly resolver: TenantResolver,
  ) {}

  @MessagePattern(LIST)
  async list(req: ListAuditEventsRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    if (req.tenantId.length > 255) problems.add('tenant_id', 'must be at most 255 characters');
    const from = field(() => optionalInstant(req.from, 'from'));
    const to = field(() => optionalInstant(req.to, 'to'));
    problems.check(() => requireAfter(from, to, ['from', 'to']));
    if (req.pageSize < 0 || req.pageSize > 1000)
      problems.add('page_size', 'must be between 1 and 1000');
    const pageSize = req.pageSize || 100;
    const before = req.pageToken ? Number(req.pageToken) : undefined;
    if (before !== undefined && (!Number.isSafeInteger(before) || before < 1))
      problems.add('page_token', 'is not a token this service issued');
    problems.throwIfAny();
    let pathPrefix = '';
    if (req.tenantId) {
      pathPrefix = (await this.resolver.pathOf({ id: req.tenantId })) ?? '';
      if (!pathPrefix) throw notFound('tenant', req.tenantId);
    }
    const rows = await this.audit.list({
      pathPrefix,
      from,
      to,
      pageSize: pageSize + 1,
      before,
    });
    const page = rows.slice(0, pageSize);
    return {
      events: page.map(toProto),
      nextPageToken: rows.length > pageSize ? String(page[page.length - 1].seq) : '',
    };
  }
}
