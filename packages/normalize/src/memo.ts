import { ownString } from "@langson-open-data/schemas";

/**
 * Caches a pure function of a string for the few distinct inputs a report repeats on every row (unit
 * words, period words, status words, the number a growth phrase is sought for). Bounded: when full
 * it starts over, so input made of ever-new strings costs at most `limit` entries, never one per row.
 * The cached values are shared between callers, so they must be immutable.
 */
export function memoize<V>(fn: (key: string) => V, limit = 1024): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= limit) cache.clear();
    // A copy of the key: the caller's text may be a slice of a large chunk of input.
    cache.set(ownString(key), value);
    return value;
  };
}
