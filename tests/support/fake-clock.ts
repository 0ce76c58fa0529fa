import { readFileSync, writeFileSync } from 'node:fs';

// A wall clock the test sets, for whole processes — what libfaketime does for C programs.
// Preloaded into each service (`NODE_OPTIONS=--import <this file>` with PARKMATCH_CLOCK_FILE
// naming a file that holds an offset in milliseconds), it makes `Date.now()` and `new Date()`
// run that far ahead of the real clock; the file is read again every 50 ms, so a test moves
// the date of running processes forward (a Friday, then the 调休 Sunday …). The code under test
// is unchanged: the services read the time as they always do. Timers, performance.now() and
// Redis's own TTLs keep real time, so nothing waits for the days that pass.
//
// The test process installs the same clock (`FakeClock.install()`), so its receivers check
// signature timestamps against the same date as the senders.

const RealDate = globalThis.Date;
let offsetMs = 0;

function install(): void {
  if ((globalThis.Date as unknown as { fake?: boolean }).fake) return;
  const now = () => RealDate.now() + offsetMs;
  globalThis.Date = new Proxy(RealDate, {
    construct(target, args, newTarget) {
      return Reflect.construct(target, args.length === 0 ? [now()] : args, newTarget);
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, property, receiver) {
      if (property === 'now') return now;
      if (property === 'fake') return true;
      return Reflect.get(target, property, receiver);
    },
  });
}

function readOffset(file: string): number {
  try {
    const value = Number(readFileSync(file, 'utf8').trim());
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

/** The test's handle on the clock of every process that reads `file` (and its own). */
export class FakeClock {
  readonly file: string;
  constructor(file: string) {
    this.file = file;
  }

  /** `--import` of this module, for NODE_OPTIONS. */
  static get preload(): string {
    return `--import ${import.meta.url}`;
  }

  /** Installs the clock in this process too. */
  install(): this {
    install();
    offsetMs = readOffset(this.file);
    return this;
  }

  /** From now on it is `instant` (ISO, e.g. `2025-09-26T09:30:00+08:00`) in every process, and time runs on. */
  set(instant: string): void {
    offsetMs = Date.parse(instant) - RealDate.now();
    writeFileSync(this.file, String(offsetMs));
  }

  /** The real clock again, in this process (the services are stopped by then). */
  uninstall(): void {
    globalThis.Date = RealDate;
    offsetMs = 0;
  }
}

// As a preload (`--import`) in a service process.
const file = process.env.PARKMATCH_CLOCK_FILE;
if (file && !process.env.VITEST) {
  install();
  offsetMs = readOffset(file);
  setInterval(() => {
    offsetMs = readOffset(file);
  }, 50).unref();
}
