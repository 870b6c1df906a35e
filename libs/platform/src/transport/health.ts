import type { ConnectRouter } from '@connectrpc/connect';
import { Health, HealthCheckResponse_ServingStatus as Status } from '@cascade/contracts';

/** The standard grpc.health.v1 service: SERVING until shutdown begins. */
export class HealthState {
  private serving = true;

  markShuttingDown(): void {
    this.serving = false;
  }

  status(): Status {
    return this.serving ? Status.SERVING : Status.NOT_SERVING;
  }

  register(router: ConnectRouter): void {
    router.service(Health, {
      check: () => ({ status: this.status() }),
      watch: async function* (this: void) {
        yield { status: Status.SERVING };
      },
    });
  }
}
