import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetMarginReportRequest } from '@cascade/contracts';
import { Dec, formatDecimal, formatMoney } from '@cascade/money';
import { FieldProblems, requiredPeriod, toTimestamp } from '@cascade/platform';
import { CounterpartyAmount } from '@cascade/invoicing-domain';
import { requireText } from '../invoices/invoice-input';
import { unpricedUsageToProto } from '../unpriced/unpriced-usage.mapper';
import { MarginReportService } from './margin-report.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class MarginReportController {
  constructor(private readonly reports: MarginReportService) {}

  @MessagePattern(`${SERVICE}/GetMarginReport`)
  async report(@Payload() req: GetMarginReportRequest) {
    const problems = new FieldProblems();
    const tenantId = problems.check(() => requireText(req.tenantId, 'tenant_id')) as string;
    const { start, end } = requiredPeriod(req, problems);
    problems.throwIfAny();
    const report = await this.reports.report(tenantId, { start, end });
    const money = (amount: Dec) => formatMoney(amount, report.currency);
    const side = (c: CounterpartyAmount) => ({
      tenantId: c.tenantId,
      amount: money(c.amount),
      meters: c.meters.map((m) => ({
        meterCode: m.meterCode,
        quantity: formatDecimal(m.quantity),
        amount: money(m.amount),
      })),
    });
    return {
      tenantId,
      periodStart: toTimestamp(start),
      periodEnd: toTimestamp(end),
      currency: report.currency,
      buyers: report.buyers.map(side),
      sellers: report.sellers.map(side),
      meters: report.meters.map((m) => ({
        meterCode: m.meterCode,
        revenueQuantity: formatDecimal(m.revenueQuantity),
        costQuantity: formatDecimal(m.costQuantity),
        revenue: money(m.revenue),
        cost: money(m.cost),
        margin: money(m.margin),
        ownUseQuantity: formatDecimal(m.ownUseQuantity),
        ownUseCost: money(m.ownUseCost),
      })),
      revenue: money(report.revenue),
      cost: money(report.cost),
      margin: money(report.margin),
      ownUseCost: money(report.ownUseCost),
      resaleCost: money(report.resaleCost),
      resaleMargin: money(report.resaleMargin),
      unpriced: report.unpriced.map(unpricedUsageToProto),
    };
  }
}
