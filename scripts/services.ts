import os from 'node:os';

/**
 * Scheduling priority (nice) of the services that mostly work off events: under a burst they
 * yield the CPU to those answering people (leads' intake, the portal) and catch up after; with
 * CPU to spare it changes nothing. The lowest priority, since at nice 10 two of them sharing
 * leads' core still took a sixth of it. Measured, intake at 50 connections with the whole
 * system working behind it on two cores: 214/s at nice 0, 512/s at nice 10 (a slow hour);
 * 2,336–2,364/s at nice 10, 2,727–2,790/s at nice 19 (a fast hour; docs/benchmarks.md).
 */
const BACKGROUND = 19;

interface ServiceSpec {
  name: string;
  port: number;
  portVar: string;
  main: string;
  /** Node flags of its own, after those the caller gives. */
  nodeOptions?: string;
  /** Its scheduling priority, when lower than the default. */
  nice?: number;
}

/** The services `npm start` runs, each its own process, with default ports. */
export const SERVICES = [
  { name: 'leads', port: 3001, portVar: 'LEADS_PORT', main: 'services/leads/src/main.ts' },
  {
    name: 'matching',
    port: 3002,
    portVar: 'MATCHING_PORT',
    main: 'services/matching/src/main.ts',
    // A small young generation and a ceiling on the old one: under a burst of 10,000 profiles V8
    // otherwise lets garbage pile up in matching's heap (peak RSS 590–710 MB) though what lives
    // after a collection is 50–130 MB; with these 350–370 MB (docs/benchmarks.md). What matching
    // holds at most grows with the leads only in a what-if (two small entries per lead, about
    // 20 MB at 100,000 leads), far below the ceiling.
    nodeOptions: '--max-semi-space-size=8 --max-old-space-size=384',
    nice: BACKGROUND,
  },
  {
    name: 'notifications',
    port: 3003,
    portVar: 'NOTIFICATIONS_PORT',
    main: 'services/notifications/src/main.ts',
    nice: BACKGROUND,
  },
  {
    name: 'insights',
    port: 3004,
    portVar: 'INSIGHTS_PORT',
    main: 'services/insights/src/main.ts',
    nice: BACKGROUND,
  },
  // Financing needs matched to banks' products, the R&D service platform and its vouchers.
  {
    name: 'firm-services',
    port: 3005,
    portVar: 'FIRM_SERVICES_PORT',
    main: 'services/firm-services/src/main.ts',
    nice: BACKGROUND,
  },
  // The web portal: pages for firms and teams over the others' HTTP APIs (it reads LEADS_URL etc.).
  { name: 'portal', port: 3000, portVar: 'PORTAL_PORT', main: 'services/portal/src/main.ts' },
] as const satisfies readonly ServiceSpec[];

const specOf = (name: string): ServiceSpec | undefined => SERVICES.find((s) => s.name === name);

/** NODE_OPTIONS of a service's process: its own flags, after those given to the caller. */
export function nodeOptionsOf(name: string, inherited = process.env.NODE_OPTIONS): string | undefined {
  const flags = [inherited, specOf(name)?.nodeOptions].filter(Boolean);
  return flags.length > 0 ? flags.join(' ') : undefined;
}

/** Lowers a started service's scheduling priority when it is a background one (best effort). */
export function applyPriority(name: string, pid: number | undefined): void {
  const nice = specOf(name)?.nice;
  if (pid === undefined || nice === undefined) return;
  try {
    os.setPriority(pid, nice);
  } catch {
    // Not allowed here (a container without the capability): the service runs at the default.
  }
}

/** The variable that gives a service's base URL to the others, e.g. LEADS_URL (FIRM_SERVICES_URL) for the portal. */
export const urlVar = (name: string): string => `${name.toUpperCase().replaceAll('-', '_')}_URL`;

/** The service people open in a browser: printed first. */
export const WEB_SERVICE = 'portal';
