// The shape of the bad-input table: for each RPC a valid base request and rows
// that each break one field of it, and the list of every input field the
// descriptors define, so a field without a row fails the suite.
import type { DescField, DescMessage, DescMethod } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { cascadeServices, type ServiceName } from '../../support';
import type { FixtureTree } from '../fixture-tree';

/** What the base requests are built from: the fixture tree and a few ids read after it. */
export interface Fixture {
  tree: FixtureTree;
  /** The October billing run's id. */
  runId: string;
}

export type Request = Record<string, unknown>;

/** A bad request: fields replacing the base's, or an edit of a deep copy of it. */
export type Breakage = Request | ((request: Request) => void);

/**
 * - call: the call fails with `code` and exactly `message`;
 * - rejected: RecordUsage/StreamUsage judge events one by one: the call is OK,
 *   nothing is accepted and the event is rejected with exactly `message`;
 * - nothing: no value of the field is invalid; `why` says so.
 */
export type Row =
  | { field: string; kind: 'call'; bad: Breakage; code: string; message: string }
  | { field: string; kind: 'rejected'; bad: Breakage; message: string }
  | { field: string; kind: 'nothing'; why: string };

export interface RpcRows {
  /** "cascade.metering.v1.TenantService/CreateTenant" */
  rpc: string;
  /** A request the service accepts; every row breaks exactly one field of it. */
  base: (f: Fixture) => Request;
  /** The service credential instead of the operator's (service-only RPCs). */
  asService?: boolean;
  /** Server streams that follow live: read this many messages. */
  take?: number;
  rows: Row[];
}

export const invalid = (field: string, bad: Breakage, message: string): Row => ({
  field,
  kind: 'call',
  bad,
  code: 'INVALID_ARGUMENT',
  message,
});
export const notFound = (field: string, bad: Breakage, message: string): Row => ({
  field,
  kind: 'call',
  bad,
  code: 'NOT_FOUND',
  message,
});
export const other = (field: string, bad: Breakage, code: string, message: string): Row => ({
  field,
  kind: 'call',
  bad,
  code,
  message,
});
export const rejected = (field: string, bad: Breakage, message: string): Row => ({
  field,
  kind: 'rejected',
  bad,
  message,
});
export const nothing = (field: string, why: string): Row => ({ field, kind: 'nothing', why });

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
export const at = (iso: string) => timestampFromDate(new Date(iso));
/** Past google.protobuf.Timestamp's year 9999. */
export const OUT_OF_RANGE = { seconds: 253_402_300_800n, nanos: 0 };
export const OUT_OF_RANGE_MESSAGE =
  'is not a valid timestamp (years 0001 to 9999, nanos 0 to 999999999)';
/** More digits than a decimal from outside may have (30 each side of the point). */
export const TOO_MANY_DIGITS = `1${'0'.repeat(30)}`;
export const DIGITS_MESSAGE = 'at most 30 digits before and 30 after the decimal point';
export const long = (n: number) => 'x'.repeat(n);
/** An id longer than any Cascade issues: refused, not looked up. */
export const tooLongId = (field: string, key: string): Row =>
  invalid(field, { [key]: long(256) }, `${field}: must be at most 255 characters`);

const rpcName = (method: DescMethod) => `${method.parent.typeName}/${method.name}`;

export function methodOf(rpc: string): DescMethod {
  for (const service of cascadeServices())
    for (const method of service.methods) if (rpcName(method) === rpc) return method;
  throw new Error(`no RPC ${rpc} in the contracts`);
}

/** The processes serving an RPC: AuditService is on all three. */
export function hostsOf(rpc: string): ServiceName[] {
  const pkg = rpc.split('.')[1];
  return pkg === 'common' ? ['metering', 'rating', 'invoicing'] : [pkg as ServiceName];
}

/** "charges.tiers.up_to" for every field, nested messages included (Timestamps are leaves). */
function fieldPaths(message: DescMessage, prefix = ''): string[] {
  return message.fields.flatMap((field: DescField) => {
    const path = `${prefix}${field.name}`;
    const nested =
      field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message')
        ? field.message
        : undefined;
    return nested && !nested.typeName.startsWith('google.protobuf.')
      ? [path, ...fieldPaths(nested, `${path}.`)]
      : [path];
  });
}

/** Every "rpc field" the descriptors define that the table does not cover, and the reverse. */
export function coverageGaps(table: readonly RpcRows[]): {
  uncovered: string[];
  unknown: string[];
} {
  const defined = cascadeServices().flatMap((service) =>
    service.methods.flatMap((method) => [
      `${rpcName(method)} (rpc)`,
      ...fieldPaths(method.input).map((path) => `${rpcName(method)} ${path}`),
    ]),
  );
  const covered = new Set(
    table.flatMap((entry) => [
      `${entry.rpc} (rpc)`,
      ...entry.rows.map((row) => `${entry.rpc} ${row.field}`),
    ]),
  );
  return {
    uncovered: defined.filter((key) => !covered.has(key)),
    unknown: [...covered].filter((key) => !defined.includes(key)),
  };
}

/** The base request with one field broken. */
export function breakOne(base: Request, bad: Breakage): Request {
  if (typeof bad !== 'function') return { ...base, ...bad };
  const copy = structuredClone(base);
  bad(copy);
  return copy;
}
