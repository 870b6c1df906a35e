import { Dec } from '@cascade/money';
import { chargeAmountProblems, finerThanCurrency, paygFeeProblem } from '@cascade/rating-domain';
import { invalidArguments } from '@cascade/platform';
import { StoredCharge, storedSpecs } from './charge-codec';

/**
 * Settings rating would store and ignore, or bill as amounts no one can pay,
 * are refused: all of them at once, each naming its field.
 */
export function checkRules(terms: {
  billingModel: string;
  currency: string;
  subscriptionFee: Dec | undefined;
  charges: readonly StoredCharge[];
  at: string;
}): void {
  const problems = [
    ...paygFeeProblem(terms.billingModel, terms.subscriptionFee),
    ...finerThanCurrency('subscription_fee', terms.subscriptionFee, terms.currency),
    ...storedSpecs(terms.charges).flatMap((spec, i) =>
      chargeAmountProblems(spec, terms.currency).map((p) => `charges[${i}].${p}`),
    ),
  ];
  if (problems.length > 0) throw invalidArguments(problems.map((p) => `${terms.at}${p}`));
}
