import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type MeteringProcess, TEST_ADMIN_TOKEN } from '@cascade/plugin-sdk/testing';
import { AdapterConfig, parseConfig } from '../config';
import type { Outgoing } from './notifications';
import { BROKER_URL, Names, TestBroker } from './rabbit';

/** The config an operator would write, pointed at this test's broker names and metering; `extra` adds keys. */
export function testConfig(
  names: Names,
  metering: MeteringProcess,
  spoolDir: string,
  extra: Record<string, unknown> = {},
): AdapterConfig {
  return parseConfig({
    broker: { url: BROKER_URL, prefetch: 50 },
    exchanges: Object.values(names.exchanges),
    topics: ['notifications.info', 'versioned_notifications.info'],
    queue: names.queue,
    deadLetterQueue: names.deadLetterQueue,
    meteringUrl: metering.url,
    meteringToken: TEST_ADMIN_TOKEN,
    spoolDir,
    // Its own source per test: the Cinder samples share a message id across tests.
    source: `openstack-${names.id}`,
    batch: { flushIntervalMs: 10 },
    // Short backoff: a test restarting metering should not wait out a long retry delay.
    retry: { initialMs: 20, maxMs: 250 },
    parkedRetryIntervalMs: 0,
    ...extra,
  });
}

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cascade-${label}-`));
}

export async function publishAll(broker: TestBroker, names: Names, messages: Outgoing[]) {
  for (const m of messages) await broker.publish(names.exchanges[m.exchange], m.routingKey, m.body);
}

/** A silent logger that keeps lines for assertions. */
export function memoryLogger() {
  const lines: string[] = [];
  return {
    lines,
    info: (m: string) => void lines.push(`info ${m}`),
    warn: (m: string) => void lines.push(`warn ${m}`),
    error: (m: string) => void lines.push(`error ${m}`),
  };
}
