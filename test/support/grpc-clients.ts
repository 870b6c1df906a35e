import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { CascadeUrls, ServiceName } from './cascade';
import { readFileSync } from 'node:fs';
import type { ClientTlsFiles } from './tls';
import { E2E_ADMIN_TOKEN } from './tokens';

/**
 * An independent client, the way an outside team would write one: grpc-js with
 * proto-loader straight from the .proto files in proto/ (no generated code from
 * this repository). google/protobuf/*.proto come from protobufjs's bundled copies.
 */
export const PROTO_DIR = path.resolve(__dirname, '..', '..', 'proto');

export const PROTO_LOADER_OPTIONS: protoLoader.Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_DIR],
};

/**
 * A message as proto-loader gives it: proto field names (snake_case), enums as
 * their names, int64 as strings, Timestamps as `{ seconds: string, nanos }`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamically typed by design
export type Message = { [field: string]: any };

export interface CallOptions {
  /** Per-call deadline; default 15 s. */
  timeoutMs?: number;
  metadata?: Record<string, string>;
}

export type UnaryCall = (request?: Message, options?: CallOptions) => Promise<Message>;
export type ServiceClient<M extends string> = { readonly [K in M]: UnaryCall };

/**
 * A failed call: the gRPC status name (e.g. `NOT_FOUND`) and the server's message.
 * `details` is the status message percent-decoded as the gRPC HTTP/2 spec says;
 * `rawDetails` is what grpc-js itself reports, which only undoes `decodeURI`, so a
 * `:` sent as `%3A` (as Connect servers send it) stays encoded there.
 */
export class GrpcCallError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    readonly grpcCode: number,
    readonly details: string,
    readonly rawDetails: string,
  ) {
    super(`${method}: ${code}: ${details}`);
    this.name = 'GrpcCallError';
  }
}

// The unary methods of each facade, typed and checked against the protos at start.
const FACADES = {
  tenants: {
    service: 'cascade.metering.v1.TenantService',
    on: 'metering',
    methods: [
      'CreateTenant',
      'GetTenant',
      'ListTenants',
      'UpdateTenant',
      'MoveTenant',
      'GetTenantHistory',
      'ListBillingEdges',
    ],
  },
  meters: {
    service: 'cascade.metering.v1.MeterService',
    on: 'metering',
    methods: ['CreateMeter', 'ListMeters'],
  },
  usage: {
    service: 'cascade.metering.v1.UsageService',
    on: 'metering',
    methods: ['RecordUsage', 'QueryUsage', 'ListEdgeUsage', 'SummarizeTree'],
  },
  apiKeys: {
    service: 'cascade.metering.v1.ApiKeyService',
    on: 'metering',
    methods: ['CreateApiKey', 'ListApiKeys', 'RevokeApiKey', 'Authenticate'],
  },
  plans: {
    service: 'cascade.rating.v1.PlanService',
    on: 'rating',
    methods: [
      'CreatePlan',
      'GetPlan',
      'ListPlans',
      'UpdatePlan',
      'ArchivePlan',
      'AssignPlan',
      'ListAssignments',
    ],
  },
  rating: {
    service: 'cascade.rating.v1.RatingService',
    on: 'rating',
    methods: ['RateEdge', 'ExplainLine', 'PreviewPlan'],
  },
  invoices: {
    service: 'cascade.invoicing.v1.InvoiceService',
    on: 'invoicing',
    methods: [
      'RunBilling',
      'GetInvoice',
      'ListInvoices',
      'FinalizeInvoice',
      'VoidInvoice',
      'MarkInvoicePaid',
      'GetBillingRun',
      'ListBillingRuns',
      'SetBillingSettings',
      'GetBillingSettings',
      'TopUpCredits',
      'GetCreditBalance',
      'IssueCreditNote',
      'ListCreditNotes',
      'CancelSubscription',
      'GetMarginReport',
    ],
  },
} as const satisfies Record<
  string,
  { service: string; on: ServiceName; methods: readonly string[] }
>;

type Facades = typeof FACADES;
export type CascadeClients = {
  // Every unary RPC of the service, each checked against the protos at start.
  readonly [F in keyof Facades]: ServiceClient<Facades[F]['methods'][number]>;
} & {
  /** cascade.common.v1.AuditService on each service (each keeps its own log). */
  readonly audit: Record<ServiceName, ServiceClient<'ListAuditEvents'>>;
  /** grpc.health.v1.Health/Check on one service; resolves `{ status: 'SERVING' }`. */
  health(service: ServiceName, request?: Message): Promise<Message>;
  /** The grpc-js channel per service, for streaming calls (see serviceDefinition). */
  readonly channels: Record<ServiceName, grpc.Client>;
  /** Closes every channel. */
  close(): void;
};

function listProtos(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listProtos(full);
    return entry.name.endsWith('.proto') ? [path.relative(PROTO_DIR, full)] : [];
  });
}

let definitions: protoLoader.PackageDefinition | undefined;

/** Every .proto under proto/, loaded once. */
export function packageDefinition(): protoLoader.PackageDefinition {
  definitions ??= protoLoader.loadSync(listProtos(PROTO_DIR), PROTO_LOADER_OPTIONS);
  return definitions;
}

/** A service's methods by name (`path`, serializers, streaming flags), e.g. for streaming calls. */
export function serviceDefinition(fullName: string): grpc.ServiceDefinition {
  const found = packageDefinition()[fullName];
  if (!found || !Object.values(found).every((m) => typeof m === 'object' && 'path' in m)) {
    throw new Error(`no service ${fullName} in ${PROTO_DIR}`);
  }
  return found as unknown as grpc.ServiceDefinition;
}

function target(url: string): string {
  const u = new URL(url);
  return u.host;
}

function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // the spec: never fail on, nor throw away, a malformed message
  }
}

function toCallError(method: string, error: grpc.ServiceError): GrpcCallError {
  const code = grpc.status[error.code] ?? String(error.code);
  const raw = error.details ?? error.message;
  return new GrpcCallError(method, code, error.code, percentDecoded(raw), raw);
}

function unary(channel: grpc.Client, method: grpc.MethodDefinition<Message, Message>): UnaryCall {
  return (request = {}, options = {}) =>
    new Promise((resolve, reject) => {
      const metadata = new grpc.Metadata();
      for (const [key, value] of Object.entries(options.metadata ?? {})) metadata.set(key, value);
      const deadline = Date.now() + (options.timeoutMs ?? 15_000);
      channel.makeUnaryRequest(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
        request,
        metadata,
        { deadline },
        (error, response) => {
          if (error) reject(toCallError(method.path, error));
          else resolve(response ?? {});
        },
      );
    });
}

/**
 * Every message of a server stream ("pkg.Service/Method") to its end, or its
 * GrpcCallError with the messages `received` before it.
 */
export function readServerStream(
  channel: grpc.Client,
  rpc: string,
  request: Message,
): Promise<Message[]> {
  const [service, name] = rpc.split('/');
  const method = serviceDefinition(service)[name] as grpc.MethodDefinition<Message, Message>;
  const call = channel.makeServerStreamRequest(
    method.path,
    method.requestSerialize,
    method.responseDeserialize,
    request,
  );
  const messages: Message[] = [];
  return new Promise((resolve, reject) => {
    call.on('data', (message: Message) => messages.push(message));
    call.on('error', (error: grpc.ServiceError) =>
      reject(Object.assign(toCallError(method.path, error), { received: messages })),
    );
    call.on('end', () => resolve(messages));
  });
}

function facade(channel: grpc.Client, fullName: string, required: readonly string[]) {
  const definition = serviceDefinition(fullName);
  const calls: Record<string, UnaryCall> = {};
  for (const [name, method] of Object.entries(definition)) {
    if (method.requestStream || method.responseStream) continue;
    calls[name] = unary(channel, method as grpc.MethodDefinition<Message, Message>);
  }
  const missing = required.filter((m) => !calls[m]);
  if (missing.length > 0) throw new Error(`${fullName} has no unary ${missing.join(', ')}`);
  return calls;
}

/**
 * Promise-returning unary calls on every Cascade service, through grpc-js:
 * `await clients.tenants.CreateTenant({ external_ref: 'p1', ... })`. A failed call
 * rejects with a GrpcCallError `{ code: 'NOT_FOUND', details: '…' }`.
 */
export interface GrpcClientsOptions {
  /**
   * The bearer token every call carries unless its metadata names another:
   * by default the operator's (E2E_ADMIN_TOKEN, which startCascade gives the
   * services); null sends none.
   */
  token?: string | null;
  /** TLS (for https:// URLs): the CA to verify the services with, and a client certificate if any. */
  tls?: ClientTlsFiles;
}

/** Adds `authorization: Bearer <token>` to every call (unary and streaming) that has none. */
function bearerInterceptor(token: string): grpc.Interceptor {
  return (options, nextCall) =>
    new grpc.InterceptingCall(nextCall(options), {
      start(metadata, listener, next) {
        if (metadata.get('authorization').length === 0)
          metadata.set('authorization', `Bearer ${token}`);
        next(metadata, listener);
      },
    });
}

function channelCredentials(tls: ClientTlsFiles | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  const read = (file: string | undefined) => (file ? readFileSync(file) : null);
  return grpc.credentials.createSsl(read(tls.ca), read(tls.key), read(tls.cert));
}

export function grpcClients(urls: CascadeUrls, options: GrpcClientsOptions = {}): CascadeClients {
  const token = options.token === undefined ? E2E_ADMIN_TOKEN : options.token;
  const interceptors = token === null ? [] : [bearerInterceptor(token)];
  const credentials = channelCredentials(options.tls);
  const channels = Object.fromEntries(
    (Object.keys(urls) as ServiceName[]).map((name) => [
      name,
      new grpc.Client(target(urls[name]), credentials, { interceptors }),
    ]),
  ) as Record<ServiceName, grpc.Client>;
  const facades = Object.fromEntries(
    Object.entries(FACADES).map(([key, f]) => [key, facade(channels[f.on], f.service, f.methods)]),
  );
  const audit = Object.fromEntries(
    (Object.keys(urls) as ServiceName[]).map((name) => [
      name,
      facade(channels[name], 'cascade.common.v1.AuditService', ['ListAuditEvents']),
    ]),
  );
  const check = serviceDefinition('grpc.health.v1.Health').Check as grpc.MethodDefinition<
    Message,
    Message
  >;
  return {
    ...facades,
    audit,
    health: (service: ServiceName, request?: Message) => unary(channels[service], check)(request),
    channels,
    close: () => Object.values(channels).forEach((c) => c.close()),
  } as CascadeClients;
}

/** A google.protobuf.Timestamp as proto-loader takes it. */
export function timestamp(at: Date | string): Message {
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(at)}`);
  return {
    seconds: String(Math.floor(ms / 1000)),
    nanos: (((ms % 1000) + 1000) % 1000) * 1_000_000,
  };
}

/** A Timestamp from a response as a Date. */
export function fromTimestamp(ts: Message | null | undefined): Date | undefined {
  if (!ts) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(Number(ts.nanos ?? 0) / 1_000_000));
}
