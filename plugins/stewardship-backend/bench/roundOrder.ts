/**
 * The order in which an interleaved benchmark runs its routes (or steps) in each round: a fresh
 * shuffle per round, so every route follows every other about equally often. A plain rotation
 * keeps one predecessor for each route, and a heavy predecessor (a large compressed response, a
 * whole-catalog evaluation) leaves its garbage collection and socket work to whichever route
 * always comes next, skewing that route's figures. Seeded, so a rerun takes the same orders.
 */
export function roundOrder(count: number, seed = 0x5eed): () => number[] {
  // mulberry32: a small, well-distributed 32-bit generator.
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const order = Array.from({ length: count }, (_, i) => i);
    // Fisher–Yates.
    for (let i = count - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  };
}
