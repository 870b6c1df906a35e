import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestMicroservice, Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from '@connectrpc/connect';
import { InvoiceService } from '@cascade/contracts';
import {
  bearerAuth,
  ConnectErrorFilter,
  ConnectTransport,
  newSecret,
  peerClient,
} from '@cascade/platform';
import { InvoicingModule } from '../invoicing.module';
import { FakePeerState, startFakePeers } from './fake-peers';
import { describeOnPostgres, dropSchemas, TEST_DATABASE_URL } from '@cascade/platform/testing';

export type DatabaseKind = 'sqlite' | 'postgres';

/** A running invoicing service on its real module and transport, with faked peers. */
export interface Harness {
  kind: DatabaseKind;
  peers: FakePeerState;
  app: INestMicroservice;
  client: Client<typeof InvoiceService>;
}

/** Runs the same tests on SQLite and, when reachable, on PostgreSQL. */
export function describeEachDatabase(title: string, body: (kind: DatabaseKind) => void): void {
  describe(`${title} [SQLite]`, () => body('sqlite'));
  describeOnPostgres(`${title} [PostgreSQL]`, () => body('postgres'));
}

let schemaCounter = 0;

/**
 * Starts the service in beforeAll and stops it in afterAll. The database comes
 * from the environment, as in production: a temp CASCADE_DATA_DIR for SQLite, or
 * DATABASE_URL with a schema prefix unique to this test file (dropped afterwards).
 */
export function useHarness(kind: DatabaseKind): () => Harness {
  let harness: Harness | undefined;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    Logger.overrideLogger(['error', 'warn']);
    const saved = { ...process.env };
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'invoicing-test-'));
    const prefix = `t${process.pid}_${(schemaCounter += 1)}_${Date.now().toString(36)}_`;
    if (kind === 'sqlite') {
      delete process.env.DATABASE_URL;
      process.env.CASCADE_DATA_DIR = dataDir;
    } else {
      process.env.DATABASE_URL = TEST_DATABASE_URL;
      process.env.CASCADE_DB_SCHEMA_PREFIX = prefix;
    }
    const peers = new FakePeerState();
    const fakes = await startFakePeers(peers);
    process.env.METERING_URL = fakes.url;
    process.env.RATING_URL = fakes.url;
    // The real access guard runs; the tests call as the installation operator.
    const adminToken = newSecret();
    process.env.CASCADE_ADMIN_TOKEN = adminToken;
    process.env.CASCADE_SERVICE_TOKEN = newSecret();

    const moduleRef = await Test.createTestingModule({ imports: [InvoicingModule] }).compile();
    const transport = new ConnectTransport({
      port: 0,
      services: [InvoiceService],
      drainTimeoutMs: 1000,
    });
    const app = moduleRef.createNestMicroservice({ strategy: transport });
    app.useGlobalFilters(new ConnectErrorFilter());
    await app.listen();
    const client = peerClient(InvoiceService, {
      baseUrl: `http://127.0.0.1:${transport.port}`,
      auth: bearerAuth(adminToken),
    });
    harness = { kind, peers, app, client };

    stop = async () => {
      await app.close();
      await fakes.app.close();
      if (kind === 'postgres') await dropSchemas([`${prefix}invoicing`]);
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.env = saved;
    };
  });

  afterAll(async () => {
    await stop?.();
  });

  return () => {
    if (!harness) throw new Error('the harness starts in beforeAll');
    return harness;
  };
}
