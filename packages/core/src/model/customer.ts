import { z } from 'zod';

/** A postal address as channels send it; every part optional. */
export const Address = z.object({
  name: z.string().nullish(),
  company: z.string().nullish(),
  line1: z.string().nullish(),
  line2: z.string().nullish(),
  city: z.string().nullish(),
  region: z.string().nullish(),
  postalCode: z.string().nullish(),
  country: z.string().nullish().describe('ISO 3166-1 alpha-2 where known.'),
  phone: z.string().nullish(),
  kind: z.enum(['billing', 'shipping']).nullish(),
});
export type Address = z.infer<typeof Address>;

/** A customer as a channel or the POS knows them. Lookup keys: phone, email, VAT number, company id. */
export const Customer = z.object({
  id: z.string().nullish().describe('The id on the side that owns this record (POS customer id, or channel buyer id).'),
  name: z.string().nullish(),
  phone: z.string().nullish(),
  email: z.string().nullish(),
  vatNumber: z.string().nullish().describe('VAT / tax number.'),
  companyId: z.string().nullish().describe('Company registration id (e.g. UIC).'),
  type: z.enum(['person', 'company']).nullish(),
  addresses: z.array(Address).default([]),
});
export type Customer = z.infer<typeof Customer>;
/** A `Customer` as passed in: fields with defaults may be left out. */
export type CustomerInput = z.input<typeof Customer>;
