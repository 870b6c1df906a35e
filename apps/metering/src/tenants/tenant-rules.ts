/**
 * Rules a tenant's place in the tree must keep, wherever it is put there
 * (CreateTenant, ImportTenants, MoveTenant). Each answers the reason, without
 * the field, or undefined when the rule holds.
 */
interface Seller {
  currency: string;
  status: string;
}

/**
 * A seller prices its buyers with its own plans, and a plan is in its
 * seller's currency (rating refuses any other): a buyer in another currency
 * could never be given a plan and its usage would go unbilled.
 */
export function currencyProblem(seller: Seller, currency: string): string | undefined {
  if (seller.currency === currency) return undefined;
  return `${currency} is not its parent's currency ${seller.currency}; a seller sells only in its own currency`;
}

/** A closed tenant is final: nothing new goes under it. */
export function closedProblem(seller: Seller, label: string): string | undefined {
  return seller.status === 'CLOSED' ? `${label} is closed` : undefined;
}
