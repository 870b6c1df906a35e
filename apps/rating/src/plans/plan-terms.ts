import { Dec } from '@cascade/money';
import { chargeAmountProblems, finerThanCurrency, paygFeeProblem } from '@cascade/rating-domain';
import { StoredCharge, storedSpecs } from './charge-codec';

/**
 * Settings rating would store and ignore, or bill as amounts no one can pay:
 * every one, each naming its field.
 */
export function ruleProblems(terms: {
  billingModel: string;
  currency: string;
  subscriptionFee: Dec | undefined;
  charges: readonly StoredCharge[];
  at: string;
}): string[] {
  const problems = [
    ...paygFeeProblem(terms.billingModel, terms.subscriptionFee),
    ...finerThanCurrency('subscription_fee', terms.subscriptionFee, terms.currency),
    ...storedSpecs(terms.charges).flatMap((spec, i) =>
      chargeAmountProblems(spec, terms.currency).map((p) => `charges[${i}].${p}`),
    ),
  ];
  return problems.map((p) => `${terms.at}${p}`);
}
