import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { GetSellerProfileRequest, SetSellerProfileRequest } from '@cascade/contracts';
import { FieldProblems } from '@cascade/platform';
import { KnownTenants } from '../access/known-tenants';
import { requireText } from '../invoices/invoice-input';
import { profileToProto } from './seller-profile.mapper';
import { profileChanges } from './seller-profile.input';
import { SellerProfileService } from './seller-profile.service';

const SERVICE = 'cascade.invoicing.v1.InvoiceService';

/** Transport only: checks and converts the request, calls the application service. */
@Controller()
export class SellerProfileController {
  constructor(
    private readonly profiles: SellerProfileService,
    private readonly tenants: KnownTenants,
  ) {}

  @MessagePattern(`${SERVICE}/SetSellerProfile`)
  async set(@Payload() req: SetSellerProfileRequest) {
    const problems = new FieldProblems();
    const field = <T>(run: () => T) => problems.check(run) as T;
    const tenantId = field(() => requireText(req.tenantId, 'tenant_id'));
    const named = req.profile?.tenantId.trim() ?? '';
    if (tenantId && named !== '' && named !== tenantId)
      problems.add('profile.tenant_id', 'must be empty or equal tenant_id');
    const changes = field(() => profileChanges(req));
    problems.throwIfAny();
    await this.tenants.require(tenantId);
    return profileToProto(await this.profiles.set(tenantId, changes));
  }

  @MessagePattern(`${SERVICE}/GetSellerProfile`)
  async get(@Payload() req: GetSellerProfileRequest) {
    const tenantId = requireText(req.tenantId, 'tenant_id');
    await this.tenants.require(tenantId);
    return profileToProto(await this.profiles.effective(tenantId));
  }
}
