import { GROWTH_STAGES, type PublicProfile } from '@parkmatch/contracts';

// Park-independent facts about a profile, computed once when it is read:
// scale and capability, readiness and completeness, each 0..1.

type Qualification = PublicProfile['firm']['qualifications'][number];
type Need = PublicProfile['project']['needs'][number];

export interface ProfileFeatures {
  /** Index in GROWTH_STAGES, or -1 when the firm did not say. */
  readonly stage: number;
  readonly needs: readonly Need[];
  readonly plannedInvestmentCny: number | undefined;
  readonly expectedAnnualOutputCny: number | undefined;
  readonly registrationCertificates: number;
  readonly qualifications: readonly Qualification[];
  readonly timelineMonths: number | undefined;
  readonly scale: number;
  readonly readiness: number;
  readonly completeness: number;
}

const QUALIFICATION_VALUE: Record<Qualification, number> = {
  'high-tech': 0.3,
  'specialised-sme': 0.3,
  'little-giant': 0.5,
  'listed-main-board': 0.6,
  'listed-star-market': 0.6,
  'gmp-certified': 0.25,
};

/** Where a missing number sits on its scale: below average, so silence is not rewarded. */
const MISSING = 0.15;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** log10 position of an amount between low and high (CNY), 0..1. */
function logScale(value: number | undefined, low: number, high: number): number | undefined {
  if (value === undefined) return undefined;
  if (value <= low) return 0;
  return clamp01((Math.log10(value) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)));
}

function countScale(count: number, full: number): number {
  return clamp01(Math.log10(1 + count) / Math.log10(1 + full));
}

export function scaleOf(profile: PublicProfile): number {
  const { firm, project } = profile;
  const investment = logScale(project.plannedInvestmentCny, 1e6, 5e8) ?? MISSING;
  const output = logScale(project.expectedAnnualOutputCny, 2e6, 1e9) ?? MISSING;
  const revenue = logScale(firm.revenueCny, 2e6, 1e9) ?? MISSING;
  const employees = firm.employees === undefined ? MISSING : countScale(firm.employees, 500);
  const certificates = countScale(firm.registrationCertificates + 0.5 * firm.filingCertificates, 30);
  const patents = countScale(firm.patents, 40);
  const qualifications = clamp01(firm.qualifications.reduce((sum, q) => sum + QUALIFICATION_VALUE[q], 0));
  return clamp01(
    0.3 * investment +
      0.15 * output +
      0.15 * revenue +
      0.1 * employees +
      0.15 * Math.max(certificates, patents) +
      0.15 * qualifications,
  );
}

export function readinessOf(timelineMonths: number | undefined): number {
  if (timelineMonths === undefined) return 0.35;
  if (timelineMonths <= 6) return 1;
  if (timelineMonths <= 12) return 0.8;
  if (timelineMonths <= 18) return 0.6;
  if (timelineMonths <= 24) return 0.45;
  if (timelineMonths <= 36) return 0.3;
  return 0.15;
}

export function completenessOf(profile: PublicProfile): number {
  const { firm, project } = profile;
  const checks = [
    firm.foundedYear !== undefined,
    firm.employees !== undefined,
    firm.revenueCny !== undefined,
    project.chainPosition !== undefined,
    project.growthStage !== undefined,
    project.plannedInvestmentCny !== undefined,
    project.expectedAnnualOutputCny !== undefined,
    project.floorAreaM2 !== undefined,
    project.timelineMonths !== undefined,
    project.products.length > 0,
    project.technologies.length > 0,
    project.needs.length > 0,
    project.description.length >= 40,
  ];
  return checks.filter(Boolean).length / checks.length;
}

export function featuresOf(profile: PublicProfile): ProfileFeatures {
  const { firm, project } = profile;
  return {
    stage: project.growthStage === undefined ? -1 : GROWTH_STAGES.indexOf(project.growthStage),
    needs: project.needs,
    plannedInvestmentCny: project.plannedInvestmentCny,
    expectedAnnualOutputCny: project.expectedAnnualOutputCny,
    registrationCertificates: firm.registrationCertificates,
    qualifications: firm.qualifications,
    timelineMonths: project.timelineMonths,
    scale: scaleOf(profile),
    readiness: readinessOf(project.timelineMonths),
    completeness: completenessOf(profile),
  };
}
