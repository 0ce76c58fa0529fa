import { readFileSync } from 'node:fs';
import path from 'node:path';

// Demo data for the local runtime: team accounts for every park and a set of realistic
// relocation profiles, posted through the public APIs like real users would. Safe to run
// on every start: what exists already (409) is left as it is.

export const DEMO_PASSWORD = 'demo1234';

const DEMO_USERS = [
  { username: 'dadukou', role: 'analyst', parkId: 'dadukou-ivd' },
  { username: 'biocity', role: 'analyst', parkId: 'bio-city' },
  { username: 'liangjiang', role: 'analyst', parkId: 'liangjiang' },
  { username: 'gaoxin', role: 'analyst', parkId: 'gaoxin' },
  { username: 'changshou', role: 'analyst', parkId: 'changshou' },
  { username: 'fuling', role: 'analyst', parkId: 'fuling' },
  { username: 'dadukou-manager', role: 'manager', parkId: 'dadukou-ivd' },
  { username: 'city-manager', role: 'manager' },
] as const;

interface Options {
  urls: Record<string, string>;
  say: (msg: string) => void;
  adminUsername?: string;
  adminPassword?: string;
}

async function post(url: string, body: unknown, token?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

export function demoProfiles(): unknown[] {
  const file = path.join(import.meta.dirname, 'profiles.json');
  return JSON.parse(readFileSync(file, 'utf8')) as unknown[];
}

export async function loadDemoData({ urls, say, adminUsername, adminPassword }: Options) {
  const leads = urls.leads;
  if (!leads) throw new Error('no leads URL');
  const auth = await post(`${leads}/v1/auth/token`, {
    username: adminUsername ?? process.env.ADMIN_USERNAME ?? 'admin',
    password: adminPassword ?? process.env.ADMIN_PASSWORD ?? 'admin',
  });
  if (!auth.ok) throw new Error(`demo data: admin sign-in failed (${auth.status})`);
  const { token } = (await auth.json()) as { token: string };

  for (const user of DEMO_USERS) {
    const res = await post(`${leads}/v1/users`, { ...user, password: DEMO_PASSWORD }, token);
    if (!res.ok && res.status !== 409)
      throw new Error(`demo user ${user.username}: ${res.status} ${await res.text()}`);
  }
  let added = 0;
  for (const profile of demoProfiles()) {
    const res = await post(`${leads}/v1/profiles`, profile);
    if (res.status === 201) added++;
    else if (res.status !== 409) throw new Error(`demo profile: ${res.status} ${await res.text()}`);
  }
  say(
    `demo data: ${DEMO_USERS.length} team accounts, ${added} new profiles (password for demo accounts: ${DEMO_PASSWORD})`,
  );
}
