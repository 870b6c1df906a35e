import { Client, createClient } from '@connectrpc/connect';
import { createGrpcTransport, Http2SessionManager } from '@connectrpc/connect-node';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { TenantKind, TenantService, UsageService } from '@cascade/contracts';
import { TEST_ADMIN_TOKEN } from './tokens';

/** What tests do to metering besides recording: create tenants, read totals back. */
export class MeteringAdmin {
  private readonly session: Http2SessionManager;
  private readonly tenants: Client<typeof TenantService>;
  private readonly usage: Client<typeof UsageService>;

  /** Calls as the installation operator of the services ServiceProcess starts, by default. */
  constructor(url: string, token = TEST_ADMIN_TOKEN) {
    this.session = new Http2SessionManager(url);
    const authorization = `Bearer ${token}`;
    const transport = createGrpcTransport({
      baseUrl: url,
      sessionManager: this.session,
      defaultTimeoutMs: 10_000,
      interceptors: [
        (next) => (request) => {
          request.header.set('authorization', authorization);
          return next(request);
        },
      ],
    });
    this.tenants = createClient(TenantService, transport);
    this.usage = createClient(UsageService, transport);
  }

  /** A tenant whose external_ref is the platform's project id (a root customer by default); returns its id. */
  async createTenant(
    externalRef: string,
    options: { parentId?: string; kind?: TenantKind } = {},
  ): Promise<string> {
    const tenant = await this.tenants.createTenant({
      externalRef,
      parentId: options.parentId ?? '',
      name: `project ${externalRef}`,
      kind: options.kind ?? TenantKind.CUSTOMER,
      currency: 'USD',
    });
    return tenant.id;
  }

  /** The meter's total for the tenant over [from, to), as metering's decimal string. */
  async total(tenantId: string, meterCode: string, from: Date, to: Date): Promise<string> {
    const answer = await this.usage.queryUsage({
      tenantId,
      meterCode,
      from: timestampFromDate(from),
      to: timestampFromDate(to),
    });
    return answer.total;
  }

  close(): void {
    this.session.abort();
  }
}
