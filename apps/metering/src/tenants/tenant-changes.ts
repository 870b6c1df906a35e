import { TenantStatus, UpdateTenantRequest } from '@cascade/contracts';
import { FieldProblems, invalidArgument, updatePaths } from '@cascade/platform';
import { requireText, TenantStatus as Status } from './tenant-input';

const SETTABLE = ['name', 'status'] as const;

/** What an UpdateTenant changes: an empty name keeps the name, no status keeps the status. */
export interface TenantChanges {
  id: string;
  name: string;
  status: Status | undefined;
}

/**
 * The fields an UpdateTenant names (by mask, or by setting them), each checked; every
 * invalid field is reported at once. A masked field must carry its new value: a tenant
 * always has a name and a status.
 */
export function tenantChanges(req: UpdateTenantRequest): TenantChanges {
  const problems = new FieldProblems();
  const id = problems.check(() => requireText(req.id, 'id')) ?? '';
  const paths = problems.check(() =>
    updatePaths(req.updateMask, SETTABLE, {
      name: req.name.trim() !== '',
      status: req.status !== TenantStatus.UNSPECIFIED,
    }),
  );
  const name = paths?.has('name') ? problems.check(() => requireText(req.name, 'name')) : '';
  const status = paths?.has('status')
    ? problems.check(() => statusFromProto(req.status))
    : undefined;
  problems.throwIfAny();
  return { id, name: name ?? '', status };
}

function statusFromProto(status: TenantStatus): Status {
  const name = status === TenantStatus.UNSPECIFIED ? undefined : TenantStatus[status];
  if (!name) throw invalidArgument('status', 'must be ACTIVE, SUSPENDED or CLOSED');
  return name.replace('TENANT_STATUS_', '') as Status;
}
