import { childOf, isAttributedVia, isInSubtree, validateMove } from './tenant-path';

// provider → dist → reseller → customer
const customer = ['provider', 'dist', 'reseller', 'customer'];

describe('tenant paths', () => {
  it('knows the subtrees a path belongs to', () => {
    expect(customer.map((id) => isInSubtree(customer, id))).toEqual([true, true, true, true]);
    expect(isInSubtree(customer, 'other-dist')).toBe(false);
  });

  it('names the child through which usage rolls up, or the tenant itself', () => {
    expect(childOf(customer, 'provider')).toBe('dist');
    expect(childOf(customer, 'reseller')).toBe('customer');
    expect(childOf(customer, 'customer')).toBe('customer');
    expect(childOf(customer, 'other-dist')).toBeUndefined();
  });

  it('attributes usage to an edge only directly below the parent', () => {
    expect(isAttributedVia(customer, 'dist', 'reseller')).toBe(true);
    expect(isAttributedVia(customer, 'provider', 'reseller')).toBe(false);
    expect(isAttributedVia(customer, 'reseller', 'dist')).toBe(false);
    expect(isAttributedVia(['provider'], 'provider', 'provider')).toBe(false);
  });
});

describe('validateMove', () => {
  const reseller = ['provider', 'dist', 'reseller'];

  it('accepts a move under a tenant outside the subtree', () => {
    expect(validateMove(reseller, ['provider', 'other-dist'])).toBeNull();
    expect(validateMove(reseller, ['provider'])).toBeNull();
  });

  it('rejects a move under the tenant itself', () => {
    expect(validateMove(reseller, reseller)).toBe('tenant reseller cannot be its own parent');
  });

  it('rejects a move into its own subtree', () => {
    expect(validateMove(reseller, customer)).toBe(
      'new parent customer is inside the subtree of tenant reseller',
    );
  });

  it('rejects empty paths', () => {
    expect(validateMove([], reseller)).toBe('tenant path is empty');
    expect(validateMove(reseller, [])).toBe('new parent path is empty');
  });
});
