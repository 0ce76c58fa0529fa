/** The services `npm start` runs, each its own process, with default ports. */
export const SERVICES = [
  { name: 'leads', port: 3001, portVar: 'LEADS_PORT', main: 'services/leads/src/main.ts' },
  { name: 'matching', port: 3002, portVar: 'MATCHING_PORT', main: 'services/matching/src/main.ts' },
  {
    name: 'notifications',
    port: 3003,
    portVar: 'NOTIFICATIONS_PORT',
    main: 'services/notifications/src/main.ts',
  },
] as const;
