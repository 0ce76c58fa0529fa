import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

// What a service has stored, as one digest per table of its SQLite store (DATA_DIR/store.sqlite),
// read through a read-only connection while the service runs (WAL lets readers in).

export type StoreDigest = Record<string, string>;

export class StoreReader {
  readonly #db: DatabaseSync;

  constructor(dataDir: string) {
    const file = path.join(dataDir, 'store.sqlite');
    if (!existsSync(file)) throw new Error(`no store at ${file}`);
    this.#db = new DatabaseSync(file, { readOnly: true });
  }

  /** Each table's row count and a hash of all its rows. */
  digest(): StoreDigest {
    const tables = this.#db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    const out: StoreDigest = {};
    for (const { name } of tables) {
      const hash = createHash('sha1');
      let rows = 0;
      for (const row of this.#db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).iterate()) {
        rows += 1;
        for (const value of Object.values(row as Record<string, unknown>)) {
          hash.update(value instanceof Uint8Array ? value : String(value));
          hash.update('\u0001');
        }
      }
      out[name] = `${rows}:${hash.digest('hex').slice(0, 12)}`;
    }
    return out;
  }

  close(): void {
    this.#db.close();
  }
}

/** The tables whose digest differs between two snapshots, with both values. */
export function changedTables(
  before: StoreDigest,
  after: StoreDigest,
  ignore: ReadonlySet<string>,
): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((name) => !ignore.has(name) && before[name] !== after[name])
    .map((name) => `${name} ${before[name] ?? '-'} → ${after[name] ?? '-'}`);
}
