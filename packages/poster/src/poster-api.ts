import { z } from 'zod';

// Tolerant schemas of Poster's documented responses (https://dev.joinposter.com/en/docs/v3/web/...).
// Poster sends ids and numbers as strings or numbers depending on the method, so both are accepted.

const Id = z.union([z.string(), z.number()]).transform(String);
const Num = z.union([z.string(), z.number()]).transform(Number);

/** `{ response: ... }`, Poster's success envelope. */
export const envelope = <T extends z.ZodType>(inner: T) => z.object({ response: inner });

/** One spot price of a product or modification, in kopecks. */
export const PosterSpotPrice = z.looseObject({ spot_id: Id, price: Num.nullish(), visible: Id.nullish() });

/** A product modification (a variant of a product), `menu.getProducts` `modifications[]`. */
export const PosterModification = z.looseObject({
  modificator_id: Id,
  modificator_name: z.string(),
  modificator_product_code: z.string().nullish(),
  modificator_barcode: z.string().nullish(),
  ingredient_id: Id.nullish(),
  spots: z.array(PosterSpotPrice).default([]),
});

/** A dish modification inside a modifier group; `price` is in money, not kopecks. */
export const PosterDishModification = z.looseObject({
  dish_modification_id: Id,
  name: z.string(),
  price: Num.nullish(),
});

/** A modifier group of a dish, `group_modifications[]`. */
export const PosterModifierGroup = z.looseObject({
  dish_modification_group_id: Id,
  name: z.string(),
  is_deleted: Num.nullish(),
  modifications: z.array(PosterDishModification).default([]),
});

/** A product or dish, `menu.getProducts`. */
export const PosterProduct = z.looseObject({
  product_id: Id,
  product_name: z.string(),
  product_code: z.string().nullish(),
  barcode: z.string().nullish(),
  type: Id.nullish(),
  hidden: Id.nullish(),
  ingredient_id: Id.nullish(),
  spots: z.array(PosterSpotPrice).default([]),
  modifications: z.array(PosterModification).nullish(),
  group_modifications: z.array(PosterModifierGroup).nullish(),
});
export type PosterProduct = z.output<typeof PosterProduct>;

/** `access.getSpots`. */
export const PosterSpot = z.looseObject({
  spot_id: Id,
  spot_name: z.string(),
  spot_adress: z.string().nullish(),
  storages: z.array(z.looseObject({ storage_id: Id, storage_name: z.string() })).default([]),
});
export type PosterSpot = z.output<typeof PosterSpot>;

/** `storage.getStorageLeftovers`. */
export const PosterLeftover = z.looseObject({
  ingredient_id: Id,
  ingredient_left: Num.nullish(),
  storage_ingredient_left: Num.nullish(),
});

/** An incoming (online) order, `incomingOrders.*`. Status: 0 new, 1 accepted, 7 canceled. */
export const PosterIncomingOrder = z.looseObject({
  incoming_order_id: Id,
  spot_id: Id,
  status: Num,
  comment: z.string().nullish(),
  transaction_id: Id.nullish(),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type PosterIncomingOrder = z.output<typeof PosterIncomingOrder>;

/** A webhook delivery body. `verify` is md5 of account;object;object_id;action;[data;]time;secret. */
export const PosterWebhookBody = z.looseObject({
  account: z.string(),
  account_number: Id.nullish(),
  object: z.string(),
  object_id: Id,
  action: z.string(),
  time: Id,
  verify: z.string(),
  data: z.unknown().optional(),
});
export type PosterWebhookBody = z.output<typeof PosterWebhookBody>;
