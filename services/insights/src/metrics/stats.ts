// Summaries of durations in whole days: median (mean of the two middle values when even) and
// the 90th percentile by nearest rank. Durations are counted into a histogram as they come (no
// array of 300,000 values to sort), so a summary costs one pass over the days seen.

export interface Summary {
  median: number | null;
  p90: number | null;
}

/** Whole-day durations, counted. Negative ones (clock skew between services) count as 0. */
export class DayHistogram {
  #counts = new Int32Array(64);
  #n = 0;

  add(days: number): void {
    const d = Math.max(days, 0);
    if (d >= this.#counts.length) {
      const grown = new Int32Array(Math.max(d + 1, this.#counts.length * 2));
      grown.set(this.#counts);
      this.#counts = grown;
    }
    this.#counts[d] = (this.#counts[d] ?? 0) + 1;
    this.#n++;
  }

  get count(): number {
    return this.#n;
  }

  /** The value of the k-th smallest duration (k from 1). */
  #kth(k: number): number {
    let seen = 0;
    for (let d = 0; d < this.#counts.length; d++) {
      seen += this.#counts[d] ?? 0;
      if (seen >= k) return d;
    }
    return this.#counts.length - 1;
  }

  /** The value the k-th largest duration has (0 when there are fewer than k). */
  largest(k: number): number {
    return this.#n < k ? 0 : this.#kth(this.#n - k + 1);
  }

  summary(): Summary {
    const n = this.#n;
    if (n === 0) return { median: null, p90: null };
    const median = n % 2 === 1 ? this.#kth((n + 1) / 2) : (this.#kth(n / 2) + this.#kth(n / 2 + 1)) / 2;
    return { median, p90: this.#kth(Math.max(1, Math.ceil(0.9 * n))) };
  }
}

export function summarize(values: readonly number[]): Summary {
  const histogram = new DayHistogram();
  for (const v of values) histogram.add(v);
  return histogram.summary();
}

/** `part / whole`, rounded to four decimals; null when `whole` is 0. */
export const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
