import { Customer, type CustomerInput } from '@omnisync/core';

/** The lookup keys of `findCustomer`. */
export interface CustomerQuery {
  phone?: string | null;
  email?: string | null;
  vatNumber?: string | null;
  companyId?: string | null;
}

const normalise = {
  phone: (v: string) => v.replace(/\D/g, '').replace(/^0/, '62'),
  email: (v: string) => v.trim().toLowerCase(),
  vatNumber: (v: string) => v.replace(/[\s.\-/]/g, '').toUpperCase(),
  companyId: (v: string) => v.replace(/[\s.\-/]/g, '').toUpperCase(),
};

const FIELDS = ['phone', 'email', 'vatNumber', 'companyId'] as const;

/** Customers of the mock POS, found by phone (digits only), email (case-insensitive), VAT number or company id. */
export class PosCustomerBook {
  private readonly customers: Customer[] = [];
  /** Per lookup key: normalised value → the first customer holding it (so a lookup is O(1), as a real POS index). */
  private readonly index = new Map<(typeof FIELDS)[number], Map<string, Customer>>(FIELDS.map((f) => [f, new Map()]));
  private next = 1;

  add(input: CustomerInput): Customer {
    const customer = Customer.parse({ ...input, id: input.id ?? `C${this.next++}` });
    this.customers.push(customer);
    for (const field of FIELDS) {
      const value = customer[field];
      const byValue = this.index.get(field)!;
      if (typeof value === 'string' && !byValue.has(normalise[field](value)))
        byValue.set(normalise[field](value), customer);
    }
    return customer;
  }

  /** The first customer matching the first key given that matches anyone, in the order phone, email, VAT, company id. */
  find(query: CustomerQuery): Customer | null {
    for (const field of FIELDS) {
      const wanted = query[field];
      if (!wanted) continue;
      const hit = this.index.get(field)!.get(normalise[field](wanted));
      if (hit) return hit;
    }
    return null;
  }

  all(): Customer[] {
    return [...this.customers];
  }
}
