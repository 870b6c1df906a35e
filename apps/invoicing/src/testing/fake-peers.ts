import { Controller, Inject, INestMicroservice, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MessageInitShape } from '@bufbuild/protobuf';
import { Timestamp, timestampDate } from '@bufbuild/protobuf/wkt';
import {
  BillingModel,
  GetPlanRequest,
  GetTenantRequest,
  Interval,
  PlanService,
  ListBillingEdgesRequest,
  ListEdgeUsageRequest,
  MeterService,
  RateEdgeRequest,
  RateTreeRequest,
  RateEdgeResponseSchema,
  RatingService,
  TenantService,
  UsageService,
} from '@cascade/contracts';
import {
  AppError,
  ConnectErrorFilter,
  ConnectTransport,
  notFound,
  toTimestamp,
} from '@cascade/platform';

export interface FakeEdge {
  seller: string;
  buyer: string;
  from: Date;
  to: Date;
}

export interface FakeUsage {
  meterCode: string;
  quantity: string;
  /** Full precision, as rating would send it. */
  amount: string;
}

/** What the fake rating answers for an edge: one plan version over the whole part asked. */
export interface FakePlan {
  billingModel: 'SUBSCRIPTION' | 'PAYG';
  interval?: 'MONTHLY' | 'YEARLY';
  fee?: string;
  /** '' makes invoicing fall back to the seller's currency from metering. */
  currency?: string;
  usage?: FakeUsage[];
}

/** A meter's usage on an edge as metering's ListEdgeUsage counts it, in any window. */
export interface FakeEdgeUsage {
  seller: string;
  buyer: string;
  meterCode: string;
  quantity: string;
  unit?: string;
  /** Counted only in a window starting at this instant (an anniversary period), when set. */
  from?: Date;
}

/** The peers' world, set by each test. */
export class FakePeerState {
  edges: FakeEdge[] = [];
  plans = new Map<string, FakePlan>();
  currencies = new Map<string, string>();
  /** Each buyer's seller now: the seller of its latest edge, unless set. */
  parents = new Map<string, string>();
  /** What metering counted per edge and meter, priced or not. */
  edgeUsage: FakeEdgeUsage[] = [];
  private readonly known = new Set<string>();
  /** Small pages, so that every test pages through ListBillingEdges. */
  pageSize = 2;
  rateCalls: { seller: string; buyer: string; from: Date; to: Date }[] = [];
  /** `buyers`: the call's buyer_tenant_ids, when it named any. */
  treeCalls: { from: Date; to: Date; buyers?: string[] }[] = [];
  /** Makes RateTree fail after streaming this many edge parts (a rating crash mid-run). */
  failTreeAfter: number | undefined;
  /** Makes RateTree wait for `release` after streaming `after` edge parts (a run in progress). */
  holdTree: { after: number; release: Promise<void> } | undefined;

  reset(): void {
    this.edges = [];
    this.plans.clear();
    this.currencies.clear();
    this.parents.clear();
    this.edgeUsage = [];
    this.rateCalls = [];
    this.treeCalls = [];
    this.failTreeAfter = undefined;
    this.holdTree = undefined;
  }

  /**
   * Tenants metering knows (those of every edge too), in USD unless `currencies`
   * says otherwise: invoicing refuses ids metering does not know. Kept across
   * reset(): ids are unique per test.
   */
  tenants<T extends Record<string, string>>(ids: T): T {
    for (const id of Object.values(ids)) this.known.add(id);
    return ids;
  }

  currencyOf(id: string): string | undefined {
    return this.currencies.get(id) ?? (this.known.has(id) ? 'USD' : undefined);
  }

  /** Root first, the tenant last, following parents. */
  pathOf(id: string): string[] {
    const parent = this.parents.get(id);
    return parent ? [...this.pathOf(parent), id] : [id];
  }

  edge(seller: string, buyer: string, from: Date, to: Date, plan?: FakePlan): void {
    this.edges.push({ seller, buyer, from, to });
    this.tenants({ seller, buyer });
    this.parents.set(buyer, seller);
    if (plan) this.plans.set(`${seller}|${buyer}`, plan);
  }
}

const STATE = Symbol('FakePeerState');

@Controller()
class FakeTenantController {
  constructor(@Inject(STATE) private readonly state: FakePeerState) {}

  @MessagePattern('cascade.metering.v1.TenantService/ListBillingEdges')
  edges(@Payload() req: ListBillingEdgesRequest) {
    const start = timestampDate(req.periodStart!).getTime();
    const end = timestampDate(req.periodEnd!).getTime();
    const inWindow = this.state.edges.filter(
      (e) => e.from.getTime() < end && e.to.getTime() > start,
    );
    const offset = Number(req.pageToken || '0');
    const page = inWindow.slice(offset, offset + this.state.pageSize);
    return {
      edges: page.map((e) => ({
        sellerTenantId: e.seller,
        buyerTenantId: e.buyer,
        from: toTimestamp(new Date(Math.max(start, e.from.getTime()))),
        to: toTimestamp(new Date(Math.min(end, e.to.getTime()))),
      })),
      nextPageToken:
        offset + this.state.pageSize < inWindow.length ? String(offset + this.state.pageSize) : '',
    };
  }

  @MessagePattern('cascade.metering.v1.TenantService/GetTenant')
  tenant(@Payload() req: GetTenantRequest) {
    const currency = this.state.currencyOf(req.id);
    if (!currency) throw notFound('tenant', req.id);
    return {
      id: req.id,
      currency,
      parentId: this.state.parents.get(req.id) ?? '',
      path: this.state.pathOf(req.id),
    };
  }
}

@Controller()
class FakeUsageController {
  constructor(@Inject(STATE) private readonly state: FakePeerState) {}

  @MessagePattern('cascade.metering.v1.MeterService/ListMeters')
  meters() {
    const codes = [...new Set(this.state.edgeUsage.map((u) => u.meterCode))].sort();
    return { meters: codes.map((code) => ({ code, name: code, unit: 'units' })) };
  }

  @MessagePattern('cascade.metering.v1.UsageService/ListEdgeUsage')
  edgeUsage(@Payload() req: ListEdgeUsageRequest) {
    const from = timestampDate(req.from!).getTime();
    const rows = this.state.edgeUsage.filter(
      (u) => u.meterCode === req.meterCode && (u.from === undefined || u.from.getTime() === from),
    );
    return {
      unit: rows[0]?.unit ?? 'units',
      edges: rows.map((u) => ({
        sellerTenantId: u.seller,
        buyerTenantId: u.buyer,
        quantity: u.quantity,
      })),
    };
  }
}

@Controller()
class FakeRatingController {
  constructor(@Inject(STATE) private readonly state: FakePeerState) {}

  @MessagePattern('cascade.rating.v1.RatingService/RateEdge')
  rate(@Payload() req: RateEdgeRequest): MessageInitShape<typeof RateEdgeResponseSchema> {
    const [from, to] = [req.periodStart!, req.periodEnd!];
    const seller = req.sellerTenantId;
    const buyer = req.buyerTenantId;
    this.state.rateCalls.push({ seller, buyer, from: timestampDate(from), to: timestampDate(to) });
    return this.answer(seller, buyer, from, to);
  }

  /** Like rating's: every edge part with a plan in the window (of the buyers named), buyer by buyer. */
  @MessagePattern('cascade.rating.v1.RatingService/RateTree')
  async *rateTree(@Payload() req: RateTreeRequest) {
    const start = timestampDate(req.periodStart!).getTime();
    const end = timestampDate(req.periodEnd!).getTime();
    const buyers = req.buyerTenantIds.length > 0 ? [...req.buyerTenantIds] : undefined;
    this.state.treeCalls.push({ from: new Date(start), to: new Date(end), buyers });
    const parts = this.state.edges
      .filter((e) => e.from.getTime() < end && e.to.getTime() > start)
      .filter((e) => !buyers || buyers.includes(e.buyer))
      .filter((e) => this.state.plans.has(`${e.seller}|${e.buyer}`))
      .sort((a, b) =>
        a.buyer < b.buyer ? -1 : a.buyer > b.buyer ? 1 : a.from.getTime() - b.from.getTime(),
      );
    let sent = 0;
    for (const e of parts) {
      if (this.state.failTreeAfter !== undefined && sent >= this.state.failTreeAfter)
        throw new AppError('UNAVAILABLE', 'rating went away');
      if (this.state.holdTree?.after === sent) await this.state.holdTree.release;
      sent += 1;
      const from = toTimestamp(new Date(Math.max(start, e.from.getTime())));
      const to = toTimestamp(new Date(Math.min(end, e.to.getTime())));
      yield this.answer(e.seller, e.buyer, from, to);
    }
  }

  private answer(
    seller: string,
    buyer: string,
    from: Timestamp,
    to: Timestamp,
  ): MessageInitShape<typeof RateEdgeResponseSchema> {
    const plan = this.state.plans.get(`${seller}|${buyer}`);
    const answer = { sellerTenantId: seller, buyerTenantId: buyer };
    if (!plan) return { ...answer, currency: 'USD', lines: [], spans: [] };
    const planId = `plan-${seller}`;
    return {
      ...answer,
      currency: plan.currency ?? 'USD',
      spans: [
        {
          planId,
          planVersion: 1,
          billingModel: BillingModel[plan.billingModel],
          interval: Interval[plan.interval ?? 'MONTHLY'],
          subscriptionFee: plan.fee ?? '0',
          from,
          to,
        },
      ],
      lines: (plan.usage ?? []).map((u) => ({
        meterCode: u.meterCode,
        quantity: u.quantity,
        amount: u.amount,
        tiers: [{ units: u.quantity, unitPrice: '0', amount: u.amount, flatFee: '', upTo: '' }],
        planId,
        planVersion: 1,
        from,
        to,
      })),
    };
  }
}

/** Rating's plans, as far as invoice lines name them: by id. */
@Controller()
class FakeCatalogController {
  @MessagePattern('cascade.rating.v1.PlanService/GetPlan')
  plan(@Payload() req: GetPlanRequest) {
    return { id: req.id, code: '', name: req.id };
  }
}

@Module({})
class FakePeersModule {
  static with(state: FakePeerState) {
    return {
      module: FakePeersModule,
      controllers: [
        FakeTenantController,
        FakeRatingController,
        FakeUsageController,
        FakeCatalogController,
      ],
      providers: [{ provide: STATE, useValue: state }],
    };
  }
}

/** Metering's tenants, meters and edge usage and rating's rating and plans, faked, on the real transport. */
export async function startFakePeers(
  state: FakePeerState,
): Promise<{ url: string; app: INestMicroservice }> {
  const transport = new ConnectTransport({
    port: 0,
    services: [TenantService, RatingService, MeterService, UsageService, PlanService],
    drainTimeoutMs: 500,
  });
  const app = await NestFactory.createMicroservice(FakePeersModule.with(state), {
    strategy: transport,
    logger: ['error'],
  });
  app.useGlobalFilters(new ConnectErrorFilter());
  await app.listen();
  return { url: `http://127.0.0.1:${transport.port}`, app };
}
