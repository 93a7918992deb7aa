/**
 * A small seeded pseudo-random generator (mulberry32). The same seed gives the
 * same sequence on every machine, so a fault sequence reproduces exactly.
 */
export interface SeededRandom {
  /** The seed this generator started from. */
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** True with probability `p` (0 never, 1 always; always consumes one draw). */
  chance(p: number): boolean;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
}

/** Turn any string or number into a 32-bit seed. */
export function toSeed(seed: string | number | undefined): number {
  if (seed === undefined) return 0x5eed;
  if (typeof seed === 'number') return seed >>> 0;
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** Create a seeded generator. */
export function createRandom(seed: string | number | undefined): SeededRandom {
  const start = toSeed(seed);
  let state = start;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    seed: start,
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
