/** Bumped whenever scoring or reading changes meaning; stored with every score. */
export const ENGINE_VERSION = 'matching-1.4.0';

/** The version string stored with a score: engine plus the taxonomy it read with. */
export function engineVersionFor(taxonomyVersion: string): string {
  return `${ENGINE_VERSION}+${taxonomyVersion}`;
}
