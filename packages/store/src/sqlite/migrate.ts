import { access, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Doc } from '../port.ts';
import { Database, type Synchronous } from './database.ts';
import { quoteName } from './sql.ts';

// One-off import of the nedb datafiles the embedded store used to keep (`<collection>.db`):
// newline-delimited JSON, each line a document version (a later line with the same _id
// replaces it, `{ "$$deleted": true, _id }` deletes it, `$$indexCreated` lines define
// indexes, which repositories create again at start). It runs when a directory has such
// files and no SQLite store yet. The import is built in a side file renamed into place once
// committed, so a crash midway leaves nothing half-imported; the datafiles are then renamed
// to `*.db.migrated`.

export interface MigrationOptions {
  synchronous: Synchronous;
  onNotice: (message: string) => void;
  onError: (error: unknown) => void;
}

interface Datafile {
  collection: string;
  docs: Map<string, Doc & Record<string, unknown>>;
  skipped: number;
}

const DATAFILE = /^([A-Za-z0-9][A-Za-z0-9_-]{0,63})\.db$/;

/** Imports `dir`'s nedb datafiles into a new SQLite `file` when there are some and `file` does not exist. */
export async function importNedbDatafiles(
  dir: string,
  file: string,
  options: MigrationOptions,
): Promise<void> {
  const names = (await readdir(dir)).filter((name) => DATAFILE.test(name));
  if (names.length === 0) return;
  if (await exists(file)) {
    options.onNotice(`store: nedb datafiles left beside ${file} are ignored: ${names.join(', ')}`);
    return;
  }
  const datafiles = await Promise.all(names.map((name) => readDatafile(dir, name)));
  const importing = `${file}.importing`;
  await removeDatabase(importing); // a previous attempt that died midway
  // One transaction, then a close that must copy it all into the file: the connection
  // checkpoints, so no background worker can still hold the WAL when the close comes.
  const db = new Database(importing, options.synchronous, { checkpoints: 'connection' });
  try {
    db.writeNow(() => {
      for (const { collection, docs } of datafiles) {
        db.ensureTable(collection);
        const insert = db.prepare(`INSERT INTO ${quoteName(collection)} (_id, doc) VALUES (?, jsonb(?))`);
        for (const doc of docs.values()) {
          db.record(collection, doc);
          insert.run(doc._id, JSON.stringify(doc));
        }
      }
    });
  } finally {
    db.close(); // checkpoints the WAL into the side file and removes it
  }
  if (await exists(`${importing}-wal`))
    throw new Error(`store: ${importing} was not checkpointed; not renamed`);
  await rename(importing, file);
  for (const name of names)
    await rename(join(dir, name), join(dir, `${name}.migrated`)).catch(options.onError);
  const summary = datafiles.map(
    ({ collection, docs, skipped }) =>
      `${collection} ${docs.size}${skipped ? ` (${skipped} bad lines skipped)` : ''}`,
  );
  options.onNotice(
    `store: imported nedb datafiles into ${file}: ${summary.join(', ')}; old files renamed to *.db.migrated`,
  );
}

/** The documents a nedb datafile holds once its lines are replayed. */
async function readDatafile(dir: string, name: string): Promise<Datafile> {
  const collection = name.slice(0, -'.db'.length);
  const docs = new Map<string, Doc & Record<string, unknown>>();
  let skipped = 0;
  for (const line of (await readFile(join(dir, name), 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line, reviveDate) as Record<string, unknown>;
    } catch {
      skipped++; // a line cut short by a crash: nedb skips it too
      continue;
    }
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) skipped++;
    else if ('$$indexCreated' in entry || '$$indexRemoved' in entry) continue;
    else if (typeof entry._id !== 'string') skipped++;
    else if (entry.$$deleted === true) docs.delete(entry._id);
    else docs.set(entry._id, entry as Doc & Record<string, unknown>);
  }
  return { collection, docs, skipped };
}

/** nedb wrote a Date as `{ "$$date": <ms> }`; the JSON store keeps dates as ISO strings. */
function reviveDate(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  const date = (value as { $$date?: unknown }).$$date;
  return typeof date === 'number' && Object.keys(value).length === 1 ? new Date(date).toISOString() : value;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function removeDatabase(file: string): Promise<void> {
  await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(`${file}${suffix}`, { force: true })));
}
