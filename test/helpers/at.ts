// Indexing that fails the test with a clear message instead of reading on with `undefined`.

/** The item at `i`, or a thrown error naming what was missing. */
export function at<T>(items: readonly T[], i: number, what = 'item'): T {
  const item = items[i];
  if (item === undefined) throw new Error(`expected ${what} #${i}, but there are only ${items.length}`);
  return item;
}
