import { StringIndex } from './string-index';

/**
 * One channel's explicitly mapped listing keys: the store's mappings (key →
 * item id) and the POS items whose `externalIds` claim a key (item
 * ordinals, ascending). Looked up once per listing, so it uses the same
 * cheap index as the listings themselves.
 */
export class ExplicitKeys {
  private readonly keys: string[] = [];
  private readonly index = new StringIndex(this.keys);
  private readonly storeItems: (string | undefined)[] = [];
  private readonly claims: (number[] | undefined)[] = [];

  /** The slot of `key`, or -1. */
  find(key: string): number {
    return this.index.get(key);
  }

  /** False when no key here has this hash (so the key itself need not be read). */
  mayHold(hash: number): boolean {
    return this.keys.length > 0 && this.index.holdsHash(hash);
  }

  /** `find` for a key whose `hashString` the caller already has. */
  findHashed(key: string, hash: number): number {
    return this.keys.length === 0 ? -1 : this.index.getHashed(key, hash);
  }

  /** The item id a store mapping gives the key in `slot`. */
  storeItem(slot: number): string | undefined {
    return this.storeItems[slot];
  }

  /** The item ordinals claiming the key in `slot`, ascending. */
  claimants(slot: number): readonly number[] | undefined {
    return this.claims[slot];
  }

  setStoreItem(key: string, itemId: string): void {
    this.storeItems[this.slot(key)] = itemId;
  }

  /** Forget every store mapping; returns the keys they covered. */
  clearStoreItems(): string[] {
    const keys: string[] = [];
    for (let slot = 0; slot < this.keys.length; slot++) {
      if (this.storeItems[slot] === undefined) continue;
      keys.push(this.keys[slot]!);
      this.storeItems[slot] = undefined;
    }
    return keys;
  }

  addClaim(key: string, ord: number): void {
    const slot = this.slot(key);
    const list = this.claims[slot];
    if (!list) {
      this.claims[slot] = [ord];
      return;
    }
    let at = list.length;
    while (at > 0 && list[at - 1]! > ord) at--;
    list.splice(at, 0, ord);
  }

  removeClaim(key: string, ord: number): void {
    const list = this.claims[this.find(key)];
    const at = list ? list.indexOf(ord) : -1;
    if (at >= 0) list!.splice(at, 1);
  }

  private slot(key: string): number {
    const next = this.keys.length;
    const found = this.index.getOrAdd(key, next);
    if (found >= 0) return found;
    this.keys.push(key);
    this.storeItems.push(undefined);
    this.claims.push(undefined);
    return next;
  }
}
