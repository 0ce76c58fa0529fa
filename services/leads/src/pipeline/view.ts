import type { LeadListItem, LegalMoveView, ParkRating, TeamLeadView } from '@parkmatch/contracts';
import { canSeePark, canWorkLead, hasManagerRights, type Principal } from '@parkmatch/service-kit';
import { calendarDaysBetween } from '../calendar.ts';
import { leadViewFor, seesWholeLead } from '../lead/claimed-elsewhere.ts';
import type { Lead } from '../lead/lead.ts';
import type { LeadSummary } from '../lead/repository.ts';
import { pipelineRevisionOf } from './problems.ts';
import { legalMoves } from './stages.ts';

// A lead as a park's team sees it: only the ratings of parks the caller may see, the moves the
// caller may make from here, and of a lead another park owns (首报首谈) nothing of that park's
// deal: no contact person, liaison, facts or history (lead/claimed-elsewhere.ts).

/** The moves the caller may make: none unless it works the lead; `needs` is what it must still give. */
export function legalMovesFor(principal: Principal, lead: LeadSummary): LegalMoveView[] {
  if (!canWorkLead(principal, lead)) return [];
  const manager = hasManagerRights(principal);
  return legalMoves({ stage: lead.stage, heldFrom: lead.heldFrom }).map((move) => ({
    ...move,
    needs: manager ? move.needs.filter((need) => need !== 'manager') : move.needs,
  }));
}

function visibleRatings(principal: Principal, parks: Lead['parks']): Lead['parks'] {
  return Object.fromEntries(Object.entries(parks).filter(([parkId]) => canSeePark(principal, parkId)));
}

export function teamLeadView(principal: Principal, lead: Lead): TeamLeadView {
  return {
    ...leadViewFor(principal, lead),
    parks: visibleRatings(principal, lead.parks),
    legalMoves: legalMovesFor(principal, lead),
  };
}

/**
 * The rating a list shows: the caller's park's; for city-wide staff the owner park's, or the
 * best when nobody owns the lead.
 */
function ratingFor(principal: Principal, lead: LeadSummary): (ParkRating & { parkId: string }) | null {
  const rated = Object.entries(visibleRatings(principal, lead.parks)).map(([parkId, r]) => ({
    parkId,
    ...r,
  }));
  const owned = rated.find((r) => r.parkId === lead.owner?.parkId);
  const best = rated.sort((a, b) => b.score - a.score)[0];
  return owned ?? best ?? null;
}

export function leadListItem(principal: Principal, lead: LeadSummary, now: Date): LeadListItem {
  const stageEnteredAt = lead.stageEnteredAt ?? lead.createdAt;
  return {
    id: lead._id,
    firmName: lead.profile.firm.name,
    creditCode: lead.profile.firm.creditCode,
    projectTitle: lead.profile.project.title,
    stage: lead.stage,
    ...(lead.heldFrom ? { heldFrom: lead.heldFrom } : {}),
    stageEnteredAt,
    daysInStage: calendarDaysBetween(new Date(stageEnteredAt), now),
    pipelineRevision: pipelineRevisionOf(lead),
    ...(lead.owner ? { owner: lead.owner } : {}),
    ...(lead.liaison && seesWholeLead(principal, lead) ? { liaison: lead.liaison } : {}),
    rating: ratingFor(principal, lead),
    updatedAt: lead.updatedAt,
  };
}
