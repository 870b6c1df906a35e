// Preloaded (`node -r`) into every service process the harness starts. The harness
// keeps the write end of the service's stdin open; when the test process goes away,
// however it ends (even SIGKILL or a `timeout`), that pipe closes and the service
// stops as on SIGTERM, so no service outlives the test run.
import type { Socket } from 'node:net';

const stdin = process.stdin as unknown as Socket;
stdin.on('end', () => process.kill(process.pid, 'SIGTERM'));
stdin.on('error', () => process.kill(process.pid, 'SIGTERM'));
stdin.resume();
// Never the reason a service stays up.
stdin.unref?.();
