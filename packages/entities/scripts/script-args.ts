/** What the training scripts share: their command-line options and a seeded random source. */

/** `--name value` from the command line, or the fallback. */
export function option(args: readonly string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`)
  return i >= 0 ? (args[i + 1] as string) : fallback
}

/** Mulberry32: a tiny seeded PRNG, so what a script draws at random (and so its output) is reproducible. */
export function seeded(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
