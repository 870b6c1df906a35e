import type { DescService } from '@bufbuild/protobuf';
import type { AccessPolicy } from './access-policy';

export const SECURITY_OPTIONS = Symbol('SECURITY_OPTIONS');
export const STATIC_CREDENTIALS = Symbol('STATIC_CREDENTIALS');

export interface SecurityOptions {
  /** metering, rating or invoicing: names the audit log's events. */
  service: string;
  policy: AccessPolicy;
  /** Every service the app serves: each RPC must have a rule. */
  services: readonly DescService[];
}
