/**
 * Key -> partition: FNV-1a (32 bit) over the key's UTF-8 bytes. Stable across processes,
 * platforms and versions, which is all per-key order needs.
 */
export function partitionOf(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % partitions;
}
