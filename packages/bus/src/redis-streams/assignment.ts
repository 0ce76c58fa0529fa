/**
 * The partitions a consumer should own: live members sorted by name, partition p goes to
 * member p mod n. Every member computes the same split from the same member list; leases
 * keep ownership exclusive while members disagree during a change.
 */
export function assignedPartitions(members: readonly string[], me: string, partitions: number): Set<number> {
  const sorted = [...members].sort();
  const index = sorted.indexOf(me);
  const mine = new Set<number>();
  if (index === -1) return mine;
  for (let p = index; p < partitions; p += sorted.length) mine.add(p);
  return mine;
}
