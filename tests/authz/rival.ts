import { vi } from 'vitest';
import { creditCode } from '../e2e/fixtures.ts';
import { getJson, postJson, type TestSystem } from '../support/system.ts';
import { ACCOUNTS, freshSeed, OTHER_PARK, OWN_PARK } from '../support/world.ts';

// 首报首谈 in the authorization matrix: a lead both parks rate A–C that the other park claimed
// first. The own park's team still sees it (its park rated it A–C) — the firm's name, the
// project, its own score, that the other park owns it and its stage — but the firm is the
// other park's to talk to and the deal is the other park's: no reader of the own park may get
// the firm's contact, the liaison, the facts recorded on the way or the notes of the history.

/** What of the rival lead only its owner park (and city-wide staff) may read. */
export const RIVAL_SECRETS = {
  contact: { name: '诸葛联系人', phone: '13611112222', email: 'hx-rival-contact@example.com' },
  /** The other park's analyst, named liaison. */
  liaison: ACCOUNTS.analystOther.username,
  /** 协议投资额 (CNY), as JSON and as a spreadsheet shows it. */
  agreedInvestmentCny: 987_654_321,
  note: '竞争园区不得看到的洽谈备注',
} as const;

/** What a reader must never find in an answer about the rival lead, by what it is. */
export function rivalLeaksIn(text: string): string[] {
  const { contact, liaison, agreedInvestmentCny, note } = RIVAL_SECRETS;
  const secrets: Record<string, string[]> = {
    'contact name': [contact.name],
    'contact phone': [contact.phone],
    'contact email': [contact.email],
    liaison: [liaison],
    协议投资额: [String(agreedInvestmentCny), agreedInvestmentCny.toLocaleString('en-US')],
    'history note': [note],
  };
  return Object.entries(secrets)
    .filter(([, values]) => values.some((value) => text.includes(value)))
    .map(([what]) => what);
}

/** A rehabilitation-aids maker: Dadukou and Bio-City both rate it above D (tests/e2e/closed-loop). */
function rehabAids(seed: string) {
  return {
    firm: {
      name: `康行智能康复器械有限公司${seed}`,
      creditCode: creditCode(`91440300MA${seed}`),
      province: '广东',
      city: '深圳',
      foundedYear: 2016,
      employees: 120,
      qualifications: ['high-tech', 'specialised-sme'],
      registrationCertificates: 6,
    },
    project: {
      title: '智能康复辅具生产基地',
      type: 'production',
      description: '我们研发生产康复辅具：智能轮椅、下肢外骨骼康复机器人和助行器，拥有二类医疗器械注册证。',
      products: ['智能轮椅', '下肢外骨骼康复机器人'],
      growthStage: 'growth',
      plannedInvestmentCny: 120_000_000,
      expectedAnnualOutputCny: 200_000_000,
      timelineMonths: 8,
      needs: ['registration', 'standard-factory'],
    },
    contact: { ...RIVAL_SECRETS.contact },
    consent: { dataUse: true },
  };
}

const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

async function ok(res: Response, what: string): Promise<void> {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

/**
 * The rival lead: rated A–C by both parks, claimed by the other park, its liaison named and
 * signed (协议投资额, with a note), all as an admin would; its id, firm name and firm token.
 */
export async function rivalLead(
  system: TestSystem,
  admin: string,
): Promise<{ leadId: string; firmName: string; firmToken: string; profile: unknown }> {
  const leads = system.urls.leads;
  const profile = rehabAids(freshSeed());
  const res = await postJson(`${leads}/v1/profiles`, profile);
  await ok(res.clone(), 'rival profile');
  const { id: leadId, accessToken: firmToken } = (await res.json()) as { id: string; accessToken: string };
  await vi.waitFor(
    async () => {
      const { body } = await getJson<{ parks?: Record<string, { tier: string }> }>(
        `${leads}/v1/profiles/${leadId}`,
        admin,
      );
      for (const parkId of [OWN_PARK, OTHER_PARK]) {
        const tier = body.parks?.[parkId]?.tier;
        if (!tier) throw new Error(`${parkId} has not rated the rival lead yet`);
        if (tier === 'D') throw new Error(`${parkId} rated the rival lead D: change the fixture profile`);
      }
    },
    { timeout: 30_000, interval: 100 },
  );
  await ok(await postJson(`${leads}/v1/leads/${leadId}/claim`, { parkId: OTHER_PARK }, admin), 'rival claim');
  const revision = async () =>
    (await getJson<{ pipelineRevision: number }>(`${leads}/v1/leads/${leadId}`, admin)).body.pipelineRevision;
  await ok(
    await fetch(`${leads}/v1/leads/${leadId}/liaison`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: RIVAL_SECRETS.liaison, pipelineRevision: await revision() }),
    }),
    'rival liaison',
  );
  await ok(
    await postJson(
      `${leads}/v1/leads/${leadId}/stage`,
      {
        to: 'signed',
        pipelineRevision: await revision(),
        note: RIVAL_SECRETS.note,
        facts: { agreedInvestmentCny: RIVAL_SECRETS.agreedInvestmentCny, signedOn: shanghaiToday() },
      },
      admin,
    ),
    'rival signed',
  );
  return { leadId, firmName: profile.firm.name, firmToken, profile };
}
