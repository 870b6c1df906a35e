// Bad input at the boundary, field by field, against the three services as
// real processes: every field of every RPC's request (from the generated
// descriptors) has a row that breaks it in an otherwise valid request, or says
// why no value of it is invalid. Each bad call is refused with its exact code
// and message naming the field, and writes nothing. On SQLite and PostgreSQL.
import { InvoiceService } from '@cascade/contracts';
import {
  BACKENDS,
  Cascade,
  ConnectClients,
  openStateDigest,
  SERVICE_NAMES,
  startCascade,
  StateDigest,
} from '../../support';
import { buildFixtureTree, OCTOBER } from '../fixture-tree';
import { AUDIT_ROWS, INVOICING_ROWS } from './invoicing-rows';
import { METERING_ROWS } from './metering-rows';
import { RATING_ROWS } from './rating-rows';
import {
  breakOne,
  coverageGaps,
  Fixture,
  hostsOf,
  methodOf,
  Request,
  RpcRows,
} from './validation-table';

const TABLE: RpcRows[] = [...METERING_ROWS, ...AUDIT_ROWS, ...RATING_ROWS, ...INVOICING_ROWS];

interface RecordOutcome {
  accepted: number;
  rejected: { index: number; reason: string }[];
}

for (const [label, database, describeOn] of BACKENDS) {
  describeOn(`bad input: every field of every RPC, on ${label}`, () => {
    let cascade: Cascade;
    let operator: ConnectClients;
    let service: ConnectClients;
    let fixture: Fixture;
    let state: StateDigest;

    beforeAll(async () => {
      cascade = await startCascade({ database });
      operator = new ConnectClients(cascade.urls);
      service = new ConnectClients(cascade.urls, cascade.serviceToken);
      const tree = await buildFixtureTree(operator);
      const runs = await operator.client('invoicing', InvoiceService).listBillingRuns(OCTOBER);
      fixture = { tree, runId: runs.runs[0].id };
      state = await openStateDigest(cascade, SERVICE_NAMES);
    }, 120_000);

    afterAll(async () => {
      await state?.close();
      operator?.close();
      service?.close();
      await cascade?.stop();
    }, 60_000);

    async function call(entry: RpcRows, request: Request) {
      const clients = entry.asService ? service : operator;
      // A stream that follows live is answered by its replay at once; a short
      // deadline keeps the stream it leaves behind from holding the test process.
      const options = entry.take ? { take: entry.take, timeoutMs: 3_000 } : {};
      return Promise.all(
        hostsOf(entry.rpc).map((host) => clients.call(host, methodOf(entry.rpc), request, options)),
      );
    }

    test('every RPC, and every field of its request, has a row', () => {
      expect(coverageGaps(TABLE)).toEqual({ uncovered: [], unknown: [] });
    });

    test.each(TABLE.map((entry) => [entry.rpc, entry]))(
      '%s: each bad field is refused naming it, and nothing is written',
      async (_rpc, entry) => {
        const before = await state.read();
        const expected: string[] = [];
        const actual: string[] = [];
        for (const row of entry.rows) {
          if (row.kind === 'nothing') continue;
          const outcomes = await call(entry, breakOne(entry.base(fixture), row.bad));
          for (const outcome of outcomes) {
            if (row.kind === 'call') {
              expected.push(`${row.field}: ${row.code} ${row.message}`);
              actual.push(`${row.field}: ${outcome.code} ${outcome.message}`);
            } else {
              const answer = [outcome.response].flat()[0] as RecordOutcome | undefined;
              expected.push(`${row.field}: OK, 0 accepted, rejected 0 ${row.message}`);
              actual.push(
                `${row.field}: ${outcome.code}${outcome.message}, ${answer?.accepted} accepted, rejected ${answer?.rejected.map((r) => `${r.index} ${r.reason}`).join(' | ')}`,
              );
            }
          }
        }
        expect(actual).toEqual(expected);
        expect(await state.read()).toEqual(before);
      },
      60_000,
    );

    test('every base request is accepted: each row above fails for its one field', async () => {
      const outcomes: string[] = [];
      for (const entry of TABLE) {
        for (const outcome of await call(entry, entry.base(fixture))) {
          const answer = [outcome.response].flat()[0] as Partial<RecordOutcome> | undefined;
          const rejected = answer?.rejected?.map((r) => r.reason) ?? [];
          outcomes.push(`${entry.rpc}: ${outcome.code} ${outcome.message}${rejected.join(' | ')}`);
        }
      }
      expect(outcomes).toEqual(
        TABLE.flatMap((entry) => hostsOf(entry.rpc).map(() => `${entry.rpc}: OK `)),
      );
    }, 120_000);
  });
}
