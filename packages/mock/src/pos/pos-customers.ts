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

/** Customers of the mock POS, found by phone (digits only), email (case-insensitive), VAT number or company id. */
export class PosCustomerBook {
  private readonly customers: Customer[] = [];
  private next = 1;

  add(input: CustomerInput): Customer {
    const customer = Customer.parse({ ...input, id: input.id ?? `C${this.next++}` });
    this.customers.push(customer);
    return customer;
  }

  /** The first customer matching the first key given that matches anyone, in the order phone, email, VAT, company id. */
  find(query: CustomerQuery): Customer | null {
    for (const field of ['phone', 'email', 'vatNumber', 'companyId'] as const) {
      const wanted = query[field];
      if (!wanted) continue;
      const norm = normalise[field];
      const hit = this.customers.find((c) => {
        const value = c[field];
        return typeof value === 'string' && norm(value) === norm(wanted);
      });
      if (hit) return hit;
    }
    return null;
  }

  all(): Customer[] {
    return [...this.customers];
  }
}
