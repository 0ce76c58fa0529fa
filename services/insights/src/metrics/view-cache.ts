// The last views computed, by question: a small LRU. Keys carry the model's version, so an
// entry is never stale; old versions simply fall out.

export class ViewCache {
  readonly #entries = new Map<string, unknown>();
  readonly #size: number;

  constructor(size: number) {
    this.#size = size;
  }

  get(key: string, compute: () => unknown): unknown {
    if (this.#entries.has(key)) {
      const value = this.#entries.get(key);
      this.#entries.delete(key); // most recently used last
      this.#entries.set(key, value);
      return value;
    }
    const value = compute();
    this.#entries.set(key, value);
    if (this.#entries.size > this.#size) this.#entries.delete(this.#entries.keys().next().value as string);
    return value;
  }
}
