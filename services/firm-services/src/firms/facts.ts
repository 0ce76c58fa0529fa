import {
  type FirmFacts,
  type LeadRevision,
  type MatchedDirection,
  SECTORS,
  type Sector,
} from '@parkmatch/contracts';

// A firm as firm-services knows it: folded from the leads service's events (never read from
// its store). The profile's facts come with each revision; the owner park with a claim or a
// transfer; the liaison with its assignment; sectors from the codes the firm declared and from
// the directions parks' scores matched.

export interface FirmDoc {
  _id: string; // the lead id
  name?: string;
  revision?: number;
  qualifications?: FirmFacts['qualifications'];
  revenueCny?: number;
  foundedYear?: number;
  growthStage?: FirmFacts['growthStage'];
  needs?: FirmFacts['needs'];
  declaredSectors?: Sector[];
  /** Sectors of the directions each park's latest score matched strongly. */
  scoredSectors?: Record<string, Sector[]>;
  parkId?: string;
  /** When the owner park last changed (claims and transfers may come in any order). */
  parkSince?: string;
  liaison?: string;
  liaisonSince?: string;
  withdrawn?: boolean;
}

/** A matched direction this strong counts as the firm's sector. */
const SECTOR_STRENGTH = 0.5;

export function sectorOf(code: string): Sector | undefined {
  const head = code.split('.')[0];
  return SECTORS.find((s) => s === head);
}

const unique = <T>(values: readonly (T | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v !== undefined)),
];

/** The fields a profile revision sets. */
export function profileFacts(revision: LeadRevision): Omit<FirmDoc, '_id'> {
  const { firm, project } = revision.profile;
  return {
    name: firm.name,
    revision: revision.revision,
    qualifications: [...firm.qualifications],
    ...(firm.revenueCny !== undefined ? { revenueCny: firm.revenueCny } : {}),
    ...(firm.foundedYear !== undefined ? { foundedYear: firm.foundedYear } : {}),
    ...(project.growthStage ? { growthStage: project.growthStage } : {}),
    needs: [...project.needs],
    declaredSectors: unique(project.declaredCodes.map(sectorOf)),
  };
}

export function scoredSectors(matched: readonly MatchedDirection[]): Sector[] {
  return unique(matched.filter((m) => m.strength >= SECTOR_STRENGTH).map((m) => sectorOf(m.code)));
}

/** The firm's facts as the features read them. */
export function firmFacts(doc: FirmDoc): FirmFacts {
  const sectors = unique<Sector>([
    ...(doc.declaredSectors ?? []),
    ...Object.values(doc.scoredSectors ?? {}).flat(),
  ]);
  return {
    leadId: doc._id,
    name: doc.name ?? doc._id,
    ...(doc.parkId ? { parkId: doc.parkId } : {}),
    ...(doc.liaison ? { liaison: doc.liaison } : {}),
    qualifications: doc.qualifications ?? [],
    ...(doc.revenueCny !== undefined ? { revenueCny: doc.revenueCny } : {}),
    ...(doc.foundedYear !== undefined ? { foundedYear: doc.foundedYear } : {}),
    ...(doc.growthStage ? { growthStage: doc.growthStage } : {}),
    sectors: SECTORS.filter((s) => sectors.includes(s)),
    needs: doc.needs ?? [],
    withdrawn: doc.withdrawn === true,
  };
}
