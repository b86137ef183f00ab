/** "1 file", "2 files": a number with its noun, in the form English gives that number. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
