import 'reflect-metadata';
import { readConsoleConfig } from './config';
import { startConsoleServer } from './console-server';

async function main() {
  const config = readConsoleConfig();
  const app = await startConsoleServer(config);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`console listening on http://${config.host}:${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`console: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
