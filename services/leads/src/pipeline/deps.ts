import type { LeadRepository } from '../lead/repository.ts';

/** What the pipeline's use cases need: the leads, the clock, and a nudge for the outbox relay. */
export interface PipelineDeps {
  leads: LeadRepository;
  /** Called after a write that left events in the outbox. */
  onEventsWritten: () => void;
  now: () => Date;
}
