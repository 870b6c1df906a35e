import { Code, ConnectError } from '@connectrpc/connect';
import { Health, HealthCheckResponse_ServingStatus } from '@cascade/contracts';
import { peerClient } from '@cascade/platform';

/** Polls the standard health service until it answers SERVING or the deadline passes. */
export class HealthService {
  private readonly client;

  constructor(url: string) {
    this.client = peerClient(Health, { baseUrl: url, timeoutMs: 1000 });
  }

  async waitServing(deadlineMs: number): Promise<void> {
    const until = Date.now() + deadlineMs;
    for (;;) {
      try {
        if ((await this.client.check({})).status === HealthCheckResponse_ServingStatus.SERVING)
          return;
      } catch (error) {
        if (!(error instanceof ConnectError) || Date.now() > until) throw error;
        if (error.code !== Code.Unavailable && error.code !== Code.DeadlineExceeded) throw error;
      }
      if (Date.now() > until) throw new Error('service did not become healthy in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
