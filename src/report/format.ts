/** pcs's quoting of name lists: 'a', 'b', 'c' (sorted), or 'a', 'b' or 'c' with a conjunction. */
export function quoteList(items: readonly string[], conjunction?: "and" | "or", sort = true): string {
  const list = (sort ? [...items].sort() : [...items]).map((s) => `'${s}'`);
  if (!conjunction || list.length < 2) return list.join(", ");
  return `${list.slice(0, -1).join(", ")} ${conjunction} ${list[list.length - 1]}`;
}

export const plural = (count: number, singular: string, pluralForm = singular + "s"): string =>
  count === 1 ? singular : pluralForm;
