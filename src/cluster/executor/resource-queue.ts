// One queue per resource: jobs on the same resource run one after the other, in the order they
// were queued; jobs on different resources run side by side.
export function createResourceQueues() {
  const tails = new Map<string, Promise<void>>();

  return {
    enqueue<T>(rscId: string, job: () => Promise<T>): Promise<T> {
      const previous = tails.get(rscId) ?? Promise.resolve();
      const result = previous.then(job);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(rscId, tail);
      void tail.then(() => {
        if (tails.get(rscId) === tail) tails.delete(rscId);
      });
      return result;
    },
    /** Resolves when every job queued so far has finished. */
    async idle(): Promise<void> {
      while (tails.size) await Promise.all([...tails.values()]);
    },
  };
}
