const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

/** `2026-11-27` → `27 November 2026`, the same in every locale and time zone. */
export function longDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) throw new Error(`Expected a date as YYYY-MM-DD, got ${JSON.stringify(isoDate)}`);
  return `${Number(match[3])} ${month} ${match[1]}`;
}
