import { parseArgs } from 'node:util';
import type { SdkLogger } from '@cascade/plugin-sdk';
import { startAdapter } from './adapter-process';
import { loadConfig } from './config';

const logger: SdkLogger = {
  info: (m) => console.log(`[openstack-adapter] ${m}`),
  warn: (m) => console.warn(`[openstack-adapter] ${m}`),
  error: (m) => console.error(`[openstack-adapter] ${m}`),
};

/**
 * node -r @swc-node/register apps/openstack-adapter/src/main.ts --config adapter.json
 * SIGTERM/SIGINT stop gracefully; SIGHUP retries parked events.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' } } });
  if (!values.config) throw new Error('usage: main.ts --config <file.json>');
  const adapter = await startAdapter(loadConfig(values.config), { logger });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    void adapter.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`stop failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => void adapter.retryParked());
  const reason = await adapter.lost;
  if (!stopping) {
    logger.error(`${reason}; exiting so the supervisor restarts the adapter`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  logger.error(String(error instanceof Error ? (error.stack ?? error.message) : error));
  process.exit(1);
});
