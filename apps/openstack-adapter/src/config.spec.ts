import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadConfig, parseConfig } from './config';

describe('adapter config', () => {
  it('fills OpenStack-shaped defaults around the required fields', () => {
    const config = parseConfig(
      { broker: { url: 'amqp://rabbit' }, queue: 'cascade', spoolDir: '/var/spool/cascade' },
      '/etc',
    );
    expect(config).toMatchObject({
      broker: { url: 'amqp://rabbit', prefetch: 200 },
      exchanges: ['nova', 'cinder', 'neutron'],
      exchangeDurable: false,
      topics: ['notifications.info'],
      queue: 'cascade',
      deadLetterQueue: 'cascade.dead',
      meteringUrl: 'http://127.0.0.1:50051',
      spoolDir: '/var/spool/cascade',
      source: 'openstack',
      createMeters: true,
      parkedRetryIntervalMs: 600_000,
    });
  });

  it.each([
    [{}, 'queue: a non-empty string is required'],
    [{ queue: 'q', spoolDir: 's' }, 'broker.url: a non-empty string is required'],
    [{ queue: 'q', spoolDir: 's', broker: { url: 'u', prefetch: 0 } }, 'broker.prefetch'],
    [{ queue: 'q', spoolDir: 's', broker: { url: 'u' }, topics: [] }, 'topics: a non-empty list'],
    [{ queue: 'q', broker: { url: 'u' } }, 'spoolDir: a non-empty string is required'],
  ])('refuses %j naming the field', (raw, message) => {
    expect(() => parseConfig(raw)).toThrow(message);
  });

  it('reads the example file; a relative spoolDir is relative to the file', () => {
    const example = path.resolve(__dirname, '../config.example.json');
    const config = loadConfig(example);
    expect(config.spoolDir).toBe(path.resolve(path.dirname(example), 'data/openstack-adapter'));
    expect(config.topics).toContain('versioned_notifications.info');
  });

  it('says which file is not JSON', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-')), 'bad.json');
    fs.writeFileSync(file, '{ nope');
    expect(() => loadConfig(file)).toThrow(`${file}: not JSON`);
  });
});
