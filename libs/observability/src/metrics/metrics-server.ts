import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { registry } from './registry';

/** Default METRICS_PORT of each service (the gRPC port stays HTTP/2-only). */
export const DEFAULT_METRICS_PORTS: Record<string, number> = {
  metering: 9091,
  rating: 9092,
  invoicing: 9093,
};

export function metricsPort(service: string, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.METRICS_PORT;
  if (raw === undefined || raw === '') return DEFAULT_METRICS_PORTS[service] ?? 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`METRICS_PORT: not a port number: ${raw}`);
  }
  return port;
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/** Serves the registry in the Prometheus text format on HTTP/1.1 at /metrics. */
export function serveMetrics(port: number, host: string): Promise<MetricsServer> {
  const server = http.createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`METRICS_PORT=${port}: cannot listen (${error.message})`)),
    );
    server.listen(port, host, () => {
      // Scrapes keep connections alive; they must not hold the shutdown.
      server.unref();
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
