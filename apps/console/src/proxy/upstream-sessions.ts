import * as http2 from 'node:http2';
import { clientTls, tlsSettings } from '@cascade/platform';
import type { Upstream } from './route-target';

/** One HTTP/2 connection per service, opened on first use and again after it closes. */
export class UpstreamSessions {
  private readonly open = new Map<Upstream, http2.ClientHttp2Session>();

  constructor(private readonly urls: Record<Upstream, string>) {}

  get(upstream: Upstream): http2.ClientHttp2Session {
    const existing = this.open.get(upstream);
    if (existing && !existing.closed && !existing.destroyed) return existing;
    const url = this.urls[upstream];
    const options = url.startsWith('https:') ? clientTls(tlsSettings()) : {};
    const session = http2.connect(url, options);
    session.on('error', () => this.open.delete(upstream));
    session.on('close', () => this.open.delete(upstream));
    session.unref();
    this.open.set(upstream, session);
    return session;
  }

  close(): void {
    for (const session of this.open.values()) session.close();
    this.open.clear();
  }
}
