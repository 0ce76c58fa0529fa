/** Runs async tasks one at a time, in call order: makes read-modify-write sequences atomic in this process. */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<R>(task: () => Promise<R>): Promise<R> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
