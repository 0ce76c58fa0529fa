import {
  type FirmLeadView,
  isWorkableTier,
  PARKS,
  type ParkName,
  parkName,
  STAGE_LABELS,
} from '@parkmatch/contracts';
import type { Lead } from '../lead/lead.ts';

// What a firm sees of its own lead: built field by field from what it may see, so a field
// added to the lead later stays internal until it is added here on purpose.

const parkOf = (parkId: string): ParkName => ({ parkId, name: parkName(parkId) });

/**
 * The firm's view of its lead: its profile, its stage, the park that works it and the parks
 * it fits (rated A–C), in the system's park order so that the order says nothing of scores,
 * each with the codes of its directions the project fits (its public wording, nothing internal).
 */
export function firmLeadView(lead: Lead): FirmLeadView {
  const interested = PARKS.filter((park) => {
    const rating = lead.parks[park.id];
    return rating !== undefined && isWorkableTier(rating.tier);
  });
  return {
    id: lead._id,
    revision: lead.revision,
    stage: lead.stage,
    stageLabel: STAGE_LABELS[lead.stage],
    ...(lead.owner ? { owner: parkOf(lead.owner.parkId) } : {}),
    interestedParks: interested.map((park) => ({
      ...parkOf(park.id),
      directions: [...(lead.fits?.[park.id] ?? [])],
    })),
    profile: lead.profile,
    createdAt: lead.createdAt,
  };
}
