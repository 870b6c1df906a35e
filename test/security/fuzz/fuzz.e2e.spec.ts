// Hostile input over the wire, against the three services as real processes:
// random and malformed messages to every RPC (from the generated descriptors),
// wrong JSON types, raw HTTP/2 bodies with broken gRPC framing, oversized
// batches and random credentials. Every call gets a status, no service dies,
// and a call that fails leaves every table exactly as it was.
import type { DescMethod } from '@bufbuild/protobuf';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { RecordUsageRequestSchema, UsageService } from '@cascade/contracts';
import fc from 'fast-check';
import {
  BACKENDS,
  Cascade,
  cascadeServices,
  ConnectClients,
  DatabaseKind,
  isServing,
  SERVICE_NAMES,
  ServiceName,
  openStateDigest,
  startCascade,
  StateDigest,
} from '../../support';
import { buildFixtureTree, FixtureTree, METER } from '../fixture-tree';
import { KnownValues, messageArbitrary } from './arbitraries';
import { grpcFrame, rawRequest } from './raw-http2';

/** What a service may answer to garbage: a verdict on the request, never a breakdown. */
const VERDICTS = [
  'OK',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'FAILED_PRECONDITION',
  'PERMISSION_DENIED',
  'OUT_OF_RANGE',
  'RESOURCE_EXHAUSTED',
];
/** INTERNAL: a breakdown of the service, never an answer to the caller's bytes. */
const GRPC_INTERNAL = '13';
/** Streams that follow live end by the caller's deadline when nothing comes. */
const LIVE = new Set([
  'cascade.invoicing.v1.InvoiceService/WatchInvoices',
  'cascade.invoicing.v1.InvoiceService/WatchBillingRuns',
]);
const RUNS = Number(process.env.CASCADE_FUZZ_RUNS ?? 300);
/** PostgreSQL runs a third as many: the same code paths, a slower database (CI time). */
const RUNS_ON: Record<DatabaseKind, number> = { sqlite: RUNS, postgres: Math.ceil(RUNS / 3) };
/** Replays a failure fast-check reported: CASCADE_FUZZ_SEED=<seed>. */
const SEED = process.env.CASCADE_FUZZ_SEED ? { seed: Number(process.env.CASCADE_FUZZ_SEED) } : {};

interface Target {
  host: ServiceName;
  method: DescMethod;
}

function targets(): Target[] {
  return cascadeServices().flatMap((service) => {
    const pkg = service.typeName.split('.')[1];
    const hosts: ServiceName[] = pkg === 'common' ? [...SERVICE_NAMES] : [pkg as ServiceName];
    return hosts.flatMap((host) => service.methods.map((method) => ({ host, method })));
  });
}

const path = (method: DescMethod) => `/${method.parent.typeName}/${method.name}`;
const name = (t: Target) => `${t.host} ${path(t.method)}`;

/** The suite on one database; `runs` scales every property's number of runs. */
function fuzzEveryRpc(database: DatabaseKind, runs: number): void {
  let cascade: Cascade;
  let operator: ConnectClients;
  let tree: FixtureTree;
  let state: StateDigest;
  let known: KnownValues;
  const all = targets();
  const auth = () => ({ authorization: `Bearer ${cascade.adminToken}` });

  beforeAll(async () => {
    cascade = await startCascade({ database });
    operator = new ConnectClients(cascade.urls);
    tree = await buildFixtureTree(operator);
    state = await openStateDigest(cascade, SERVICE_NAMES);
    known = {
      ids: [
        ...Object.values(tree.tenants),
        ...Object.values(tree.plans),
        ...Object.values(tree.invoices),
        ...Object.values(tree.keyIds),
      ],
      words: [METER, 'matrix-A1', tree.tokens.B1, 'compute.vcpu'],
    };
  }, 120_000);

  afterAll(async () => {
    await state?.close();
    operator?.close();
    await cascade?.stop();
  }, 60_000);

  /** Runs one call; when it did not succeed, no table may have changed. */
  async function unchangedUnlessOk(call: () => Promise<boolean>, what: string): Promise<void> {
    const before = await state.read();
    const ok = await call();
    if (!ok) expect({ what, tables: await state.read() }).toEqual({ what, tables: before });
  }

  test('the no-partial-write check reads the tables of every service', async () => {
    const tables = (await state.read()).map((line) => line.split(' ')[0]);
    expect(tables).toEqual(
      expect.arrayContaining([
        'metering.tenant',
        'metering.api_key',
        'metering.meter',
        'rating.plan',
        'rating.assignment',
        'invoicing.invoice',
        'invoicing.invoice_line',
      ]),
    );
  });

  test('random messages to every RPC: a verdict every time, nothing written unless OK', async () => {
    const request = fc
      .constantFrom(...all)
      .chain((target) =>
        messageArbitrary(target.method.input, known).map((message) => ({ target, message })),
      );
    await fc.assert(
      fc.asyncProperty(request, async ({ target, message }) => {
        await unchangedUnlessOk(async () => {
          const live = LIVE.has(path(target.method).slice(1));
          const result = await operator.call(target.host, target.method, message, {
            take: live ? 1 : undefined,
            timeoutMs: live ? 1_000 : 30_000,
          });
          const allowed = live ? [...VERDICTS, 'DEADLINE_EXCEEDED'] : VERDICTS;
          expect(
            `${name(target)}: ${allowed.includes(result.code) ? 'a verdict' : result.code} ${allowed.includes(result.code) ? '' : result.message}`,
          ).toBe(`${name(target)}: a verdict `);
          return result.code === 'OK';
        }, name(target));
      }),
      // A run that stalls (shrinking a failure with 30 s calls) ends with its seed reported, not a jest timeout.
      { numRuns: runs, interruptAfterTimeLimit: 300_000, ...SEED },
    );
  }, 600_000);

  test('broken gRPC framing and random bytes: a gRPC status every time, nothing written', async () => {
    const body = fc.oneof(
      fc
        .uint8Array({ maxLength: 200 })
        .map((bytes) => ({ kind: 'garbage', bytes: grpcFrame(bytes) })),
      fc.uint8Array({ minLength: 1, maxLength: 100 }).map((bytes) => ({
        kind: 'truncated',
        bytes: grpcFrame(bytes, { length: bytes.length + 50 }),
      })),
      fc.uint8Array({ maxLength: 50 }).map((bytes) => ({
        kind: 'compressed flag without an encoding',
        bytes: grpcFrame(bytes, { compressed: true }),
      })),
      fc.constant({
        kind: 'huge length prefix',
        bytes: grpcFrame(new Uint8Array(3), { length: 0x7fffffff }),
      }),
      fc.constant({ kind: 'no frame at all', bytes: Buffer.alloc(0) }),
      fc
        .uint8Array({ maxLength: 4 })
        .map((bytes) => ({ kind: 'partial header', bytes: Buffer.from(bytes) })),
      fc.constant({
        kind: 'two messages to a unary call',
        bytes: Buffer.concat([grpcFrame(new Uint8Array(0)), grpcFrame(new Uint8Array(0))]),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), body, async (target, { kind, bytes }) => {
        await unchangedUnlessOk(
          async () => {
            const answer = await rawRequest(
              cascade.urls[target.host],
              path(target.method),
              { 'content-type': 'application/grpc', te: 'trailers', ...auth() },
              bytes,
              LIVE.has(path(target.method).slice(1)) ? 1_000 : 15_000,
            ).catch((error: unknown) => ({
              status: -1,
              grpcStatus: String(error),
              body: Buffer.alloc(0),
            }));
            const live = LIVE.has(path(target.method).slice(1)) && answer.status === -1;
            expect(
              `${name(target)} ${kind}: ${live || answer.grpcStatus !== undefined ? 'a gRPC status' : `HTTP ${answer.status}`}`,
            ).toBe(`${name(target)} ${kind}: a gRPC status`);
            // A whole frame of bytes that are not the message is the caller's mistake, never INTERNAL.
            if (kind === 'garbage' && !live)
              expect(`${name(target)} ${kind}: grpc-status ${answer.grpcStatus}`).not.toBe(
                `${name(target)} ${kind}: grpc-status ${GRPC_INTERNAL}`,
              );
            return answer.grpcStatus === '0' || live;
          },
          `${name(target)} ${kind}`,
        );
      }),
      { numRuns: Math.ceil(runs / 2), ...SEED },
    );
  }, 600_000);

  test('a body that is not protobuf is INVALID_ARGUMENT on gRPC, gRPC-Web and Connect, for every RPC', async () => {
    const garbage = Buffer.from([0xff, 0xff, 0xff]);
    const answers: string[] = [];
    for (const target of all.filter((t) => !LIVE.has(path(t.method).slice(1)))) {
      const streams = target.method.methodKind !== 'unary';
      const ask = (type: string, body: Buffer) =>
        rawRequest(
          cascade.urls[target.host],
          path(target.method),
          { 'content-type': type, te: 'trailers', 'connect-protocol-version': '1', ...auth() },
          body,
        );
      await unchangedUnlessOk(async () => {
        const grpc = await ask('application/grpc', grpcFrame(garbage));
        const web = await ask('application/grpc-web+proto', grpcFrame(garbage));
        const connect = await ask(
          streams ? 'application/connect+proto' : 'application/proto',
          streams ? grpcFrame(garbage) : garbage,
        );
        const webStatus = /grpc-status: ?(\d+)/.exec(web.body.toString('latin1'))?.[1];
        const connectCode = /"code":"([a-z_]+)"/.exec(connect.body.toString('utf8'))?.[1];
        answers.push(
          `${name(target)}: grpc ${grpc.grpcStatus}, grpc-web ${web.grpcStatus ?? webStatus}, connect ${connectCode}`,
        );
        return false;
      }, name(target));
    }
    expect(answers).toEqual(
      answers.map((a) => `${a.split(':')[0]}: grpc 3, grpc-web 3, connect invalid_argument`),
    );
  }, 300_000);

  test('Connect JSON with wrong types and broken JSON: an error answer, nothing written', async () => {
    const json = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
      fc.constantFrom(
        '{"parentId": 5}',
        '{"events": "all of them"}',
        '{"events": [{"quantity": 1.5}]}',
        '{"periodStart": "yesterday"}',
        '{"periodStart": {"seconds": "x"}}',
        '{"pageSize": "many"}',
        '{"role": "ROLE_ROOT"}',
        '{"kind": 42.5}',
        '{',
        'null',
        '[]',
        '"string"',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all.filter((t) => t.method.methodKind === 'unary')),
        json,
        async (target, text) => {
          await unchangedUnlessOk(
            async () => {
              const answer = await rawRequest(
                cascade.urls[target.host],
                path(target.method),
                { 'content-type': 'application/json', 'connect-protocol-version': '1', ...auth() },
                Buffer.from(text),
              );
              const parsed =
                answer.status === 200
                  ? { code: 'ok' }
                  : (JSON.parse(answer.body.toString('utf8')) as { code?: string });
              expect(
                `${name(target)} ${text}: ${[200, 400, 401, 403, 404, 409, 412, 413].includes(answer.status) && typeof parsed.code === 'string' ? 'an answer' : `HTTP ${answer.status} ${answer.body.toString('utf8')}`}`,
              ).toBe(`${name(target)} ${text}: an answer`);
              return answer.status === 200;
            },
            `${name(target)} ${text}`,
          );
        },
      ),
      { numRuns: Math.ceil(runs / 2), ...SEED },
    );
  }, 600_000);

  test('random credentials are UNAUTHENTICATED on every RPC', async () => {
    const header = fc.oneof(
      fc.string({ maxLength: 80 }).filter((s) => /^[\x21-\x7e ]*$/.test(s)),
      fc
        .string({ maxLength: 60 })
        .filter((s) => /^[\x21-\x7e]*$/.test(s))
        .map((s) => `Bearer ${s}`),
      fc.constantFrom(
        `Bearer ${tree?.tokens.B1 ?? ''}x`,
        `Bearer cascade.00000000-0000-4000-8000-000000000000.${'A'.repeat(43)}`,
        'Bearer',
        'Basic YWRtaW46YWRtaW4=',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), header, async (target, authorization) => {
        await unchangedUnlessOk(async () => {
          const answer = await rawRequest(
            cascade.urls[target.host],
            path(target.method),
            { 'content-type': 'application/grpc', te: 'trailers', authorization },
            grpcFrame(new Uint8Array(0)),
          );
          expect(`${name(target)} ${JSON.stringify(authorization)}: ${answer.grpcStatus}`).toBe(
            `${name(target)} ${JSON.stringify(authorization)}: 16`,
          );
          return false;
        }, name(target));
      }),
      { numRuns: Math.ceil(runs / 3), ...SEED },
    );
  }, 600_000);

  test('oversized batches are refused whole', async () => {
    const events = Array.from({ length: 10_001 }, (_, i) => ({
      id: `big-${i}`,
      tenantId: tree.tenants.A1,
      meterCode: METER,
      quantity: '1',
      timestamp: timestampFromDate(new Date('2026-10-03T00:00:00Z')),
    }));
    const record = UsageService.method.recordUsage;
    const stream = UsageService.method.streamUsage;
    for (const method of [record, stream]) {
      await unchangedUnlessOk(async () => {
        const result = await operator.call('metering', method, { events });
        expect([result.code, result.message]).toEqual([
          'INVALID_ARGUMENT',
          'events: at most 10000 events per request',
        ]);
        return false;
      }, method.name);
    }
    const huge = toBinary(
      RecordUsageRequestSchema,
      create(RecordUsageRequestSchema, { batchId: 'x'.repeat(40 * 1024 * 1024) }),
    );
    await unchangedUnlessOk(async () => {
      const answer = await rawRequest(
        cascade.urls.metering,
        path(record),
        { 'content-type': 'application/grpc', te: 'trailers', ...auth() },
        grpcFrame(huge),
      );
      expect(answer.grpcStatus).toBe('8'); // RESOURCE_EXHAUSTED
      return false;
    }, 'a 40 MiB message');
  }, 120_000);

  test('every service is still up and serving', async () => {
    for (const service of SERVICE_NAMES)
      expect([service, await isServing(cascade.urls[service])]).toEqual([service, true]);
  });
}

for (const [label, database, describeOn] of BACKENDS)
  describeOn(`fuzzing every RPC over the wire (${label})`, () =>
    fuzzEveryRpc(database, RUNS_ON[database]),
  );
