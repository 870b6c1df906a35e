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

  describe('TLS towards metering', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfg-tls-'));
    for (const file of ['ca.pem', 'client.pem', 'client.key', 'other-ca.pem'])
      fs.writeFileSync(path.join(dir, file), `PEM of ${file}`);
    const base = { broker: { url: 'amqp://rabbit' }, queue: 'q', spoolDir: 's' };
    const https = { ...base, meteringUrl: 'https://metering.example:50051' };
    const pem = (file: string) => Buffer.from(`PEM of ${file}`);

    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('has none unless configured', () => {
      expect(parseConfig(https, dir, {}).meteringTls).toBeUndefined();
    });

    it('reads meteringTls files relative to the config file', () => {
      const config = parseConfig(
        { ...https, meteringTls: { ca: 'ca.pem', cert: 'client.pem', key: 'client.key' } },
        dir,
        {},
      );
      expect(config.meteringTls).toEqual({
        ca: pem('ca.pem'),
        cert: pem('client.pem'),
        key: pem('client.key'),
      });
    });

    it('CASCADE_TLS_CA, _CERT and _KEY win over the file', () => {
      const env = {
        CASCADE_TLS_CA: path.join(dir, 'other-ca.pem'),
        CASCADE_TLS_CERT: path.join(dir, 'client.pem'),
        CASCADE_TLS_KEY: path.join(dir, 'client.key'),
      };
      const config = parseConfig({ ...https, meteringTls: { ca: 'ca.pem' } }, dir, env);
      expect(config.meteringTls).toEqual({
        ca: pem('other-ca.pem'),
        cert: pem('client.pem'),
        key: pem('client.key'),
      });
    });

    it.each<[string, object, NodeJS.ProcessEnv, string]>([
      [
        'a CA with an http:// meteringUrl',
        { ...base, meteringUrl: 'http://127.0.0.1:50051' },
        { CASCADE_TLS_CA: path.join(dir, 'ca.pem') },
        'meteringUrl: must be https:// when meteringTls or CASCADE_TLS_* is set',
      ],
      [
        'a client certificate without its key',
        { ...https, meteringTls: { ca: 'ca.pem', cert: 'client.pem' } },
        {},
        'meteringTls.key: is required with the client certificate (or CASCADE_TLS_KEY)',
      ],
      [
        'a client key without its certificate',
        https,
        { CASCADE_TLS_KEY: path.join(dir, 'client.key') },
        'meteringTls.cert: is required with the client key (or CASCADE_TLS_CERT)',
      ],
      [
        'a missing file in the config',
        { ...https, meteringTls: { ca: 'missing.pem' } },
        {},
        `meteringTls.ca: cannot read ${path.join(dir, 'missing.pem')}: ENOENT`,
      ],
      [
        'a missing file in the environment',
        https,
        { CASCADE_TLS_CA: path.join(dir, 'missing.pem') },
        `CASCADE_TLS_CA: cannot read ${path.join(dir, 'missing.pem')}: ENOENT`,
      ],
      [
        'a path that is not a string',
        { ...https, meteringTls: { ca: 42 } },
        {},
        'meteringTls.ca: a PEM file path is required',
      ],
      [
        'meteringTls that is not an object',
        { ...https, meteringTls: 'ca.pem' },
        {},
        'meteringTls: an object of PEM file paths (ca, cert, key) is required',
      ],
    ])('refuses %s, naming the field', (_, raw, env, message) => {
      expect(() => parseConfig(raw, dir, env)).toThrow(message);
    });
  });
});
