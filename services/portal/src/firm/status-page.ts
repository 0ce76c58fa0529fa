import {
  type FirmLeadView,
  type InterestedPark,
  type ParkSummary,
  PIPELINE_STAGES,
  type PipelineStage,
  STAGE_LABELS,
} from '@parkmatch/contracts';
import type { PortalContext } from '../env.ts';
import { colon, formatCny, formatDateTime } from '../i18n/format.ts';
import { type Lang, pick } from '../i18n/lang.ts';
import { labelOf, PROJECT_TYPE_LABELS } from '../i18n/profile-labels.ts';
import { notice } from '../layout/form.ts';
import { type Html, html } from '../layout/html.ts';
import { page } from '../layout/page.ts';
import { FIRM_TEXT as T } from './text.ts';

// Where the firm's project stands: the stage in the closed loop, the park working with it,
// the parks it fits — each by name with which of its public intake directions the project fits
// (never scores, tiers, the reasons the teams read or anything internal) — and its profile.

/** Matching takes seconds: a profile younger than this with no park yet is "being matched". */
const MATCHING_GRACE_MS = 2 * 60_000;

function stages(lead: FirmLeadView, lang: Lang): Html {
  const current = PIPELINE_STAGES.indexOf(lead.stage as PipelineStage);
  if (current < 0) return html`<p class="stage-exit">${pick(lead.stageLabel, lang)}</p>`;
  return html`<ol class="stepper" aria-label="${pick(T.stagesLabel, lang)}">
  ${PIPELINE_STAGES.map((stage, i) => {
    const state = i < current ? 'done' : i === current ? 'current' : 'todo';
    return html`<li class="${state}"${i === current ? html` aria-current="step"` : ''}>${pick(STAGE_LABELS[stage], lang)}</li>`;
  })}
</ol>`;
}

/**
 * The park's directions the project fits, in the park's own public wording (matching's park
 * list). A code the park no longer lists is left out: the firm is told only what stands.
 */
export function fitsOf(park: InterestedPark, directory: readonly ParkSummary[] | undefined, lang: Lang) {
  const listed = directory?.find((p) => p.id === park.parkId)?.directions ?? [];
  return park.directions.flatMap((code) => {
    const direction = listed.find((d) => d.code === code);
    return direction ? [pick(direction.label, lang)] : [];
  });
}

function interestedPark(
  park: InterestedPark,
  directory: readonly ParkSummary[] | undefined,
  lang: Lang,
): Html {
  const fits = fitsOf(park, directory, lang);
  const id = `park-${park.parkId.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  return html`<li class="park-fit">
  <h3 id="${id}">${pick(park.name, lang)}</h3>
  ${
    fits.length > 0
      ? html`<p class="hint">${pick(T.fitsLabel, lang)}</p><ul class="chips" aria-labelledby="${id}">${fits.map((label) => html`<li>${label}</li>`)}</ul>`
      : html`<p class="muted">${pick(T.fitsUnknown, lang)}</p>`
  }
</li>`;
}

function parks(
  lead: FirmLeadView,
  directory: readonly ParkSummary[] | undefined,
  lang: Lang,
  now: number,
): Html {
  if (lead.interestedParks.length > 0) {
    return html`<p class="hint">${pick(T.interestedHint, lang)}</p>
<ul class="parks">${lead.interestedParks.map((park) => interestedPark(park, directory, lang))}</ul>`;
  }
  const young = now - new Date(lead.createdAt).getTime() < MATCHING_GRACE_MS;
  return html`<p class="muted">${pick(young ? T.matching : T.noneYet, lang)}</p>`;
}

function summary(lead: FirmLeadView, lang: Lang): Html {
  const { firm, project } = lead.profile;
  const row = (label: string, value: Html | string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="facts">
  ${row(pick(T.fields, lang), firm.name)}
  ${row(pick(T.city, lang), `${firm.province} ${firm.city}`)}
  ${row(pick(T.type, lang), labelOf(PROJECT_TYPE_LABELS, project.type, lang))}
  ${project.plannedInvestmentCny !== undefined ? row(pick(T.investment, lang), formatCny(project.plannedInvestmentCny, lang)) : ''}
  ${row(pick(T.submittedOn, lang), formatDateTime(lead.createdAt, lang))}
</dl>
<h3>${pick(T.description, lang)}</h3>
<p class="prose">${project.description}</p>`;
}

export interface StatusPageOptions {
  flash?: 'updated' | undefined;
  now?: number;
  /** The parks and their directions (matching's public list), to name the directions fitted. */
  parks?: readonly ParkSummary[] | undefined;
}

export function statusPage(
  c: PortalContext,
  lead: FirmLeadView,
  { flash, now = Date.now(), parks: directory }: StatusPageOptions = {},
) {
  const lang = c.var.lang;
  const id = encodeURIComponent(lead.id);
  const withdrawn = lead.stage === 'withdrawn';
  return page(c, {
    title: pick(T.statusTitle, lang),
    body: html`${flash === 'updated' ? notice('info', pick(T.updated, lang)) : ''}
<p class="eyebrow">${pick(T.statusTitle, lang)}</p>
<h1>${lead.profile.project.title}</h1>
<p class="lead">${lead.profile.firm.name}</p>
<section class="card" aria-labelledby="stage-title">
  <h2 id="stage-title">${pick(T.stage, lang)}${colon(lang)}<span class="stage-name">${pick(lead.stageLabel, lang)}</span></h2>
  ${stages(lead, lang)}
  ${lead.owner ? html`<p>${pick(T.owner, lang)}${colon(lang)}<strong>${pick(lead.owner.name, lang)}</strong></p>` : ''}
</section>
<section class="card" aria-labelledby="parks-title">
  <h2 id="parks-title">${pick(T.interested, lang)}</h2>
  ${parks(lead, directory, lang, now)}
</section>
<section class="card" aria-labelledby="profile-title">
  <h2 id="profile-title">${pick(T.profile, lang)}</h2>
  ${summary(lead, lang)}
</section>
${
  withdrawn
    ? html`<p class="muted">${pick(T.withdrawnState, lang)}</p><p><a href="/firm/new">${pick(T.newProject, lang)}</a></p>`
    : html`<p><a href="/firm/${id}/services">${pick(T.firmServices, lang)}</a></p>
<div class="actions">
  <a class="button primary" href="/firm/${id}/edit">${pick(T.edit, lang)}</a>
  <a class="button danger-link" href="/firm/${id}/withdraw">${pick(T.withdraw, lang)}</a>
</div>`
}`,
  });
}
