// Independent engine calls of one task, a few at a time (issue 18 item 3): a panel of 60 experts or
// 600 review assignments made one REST call after another kept a task busy for minutes.

/** Engine calls a worker makes at once for one task: enough to hide latency, few enough for the engine. */
export const ENGINE_CALLS_AT_ONCE = 6;

/** Runs fn over items with at most `limit` running at a time; rejects with the first error. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (!failed && next < items.length) {
        const item = items[next++]!;
        try {
          await fn(item);
        } catch (err) {
          failed = true;
          throw err;
        }
      }
    }),
  );
}
