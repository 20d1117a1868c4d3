/** Returns a copy of `arr` with `length` elements (new elements zero or `fill`). */
export function growTyped<T extends Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array>(
  arr: T,
  length: number,
  fill = 0,
): T {
  const next = new (arr.constructor as new (n: number) => T)(length)
  if (fill !== 0) next.fill(fill)
  next.set(arr)
  return next
}
