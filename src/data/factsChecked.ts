/**
 * The day the facts behind every guide were last compared with upstream
 * sources. A module of its own so running text can show it without pulling
 * in the builders that src/data/checkedAgainst.ts reads.
 */
export const FACTS_CHECKED = '2026-11-27';
