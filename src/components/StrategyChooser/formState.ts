import type {Issue} from '@site/src/manifests/types';

/** The form field an issue path belongs to: `bindings[1].port` belongs to `bindings`. */
export function fieldOfPath(path: string): string {
  const match = /^[^.[]+/.exec(path);
  return match ? match[0] : path;
}

export function issuesByField(issues: readonly Issue[]): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  for (const issue of issues) {
    const field = fieldOfPath(issue.path);
    const list = byField.get(field) ?? [];
    list.push(issue.path === field ? issue.message : `${placeInField(issue.path, field)}${issue.message}`);
    byField.set(field, list);
  }
  return byField;
}

/**
 * Where in its field a problem is, in the form's words: the message sits under the field already, so only the line of
 * a one-entry-per-line field is named ("Line 2: …"), never the builder's path (`services[1].target`).
 */
export function placeInField(path: string, field: string): string {
  const line = /^\[(\d+)\]/.exec(path.slice(field.length));
  return line ? `Line ${Number(line[1]) + 1}: ` : '';
}

/** Only values that differ from the defaults go into the URL, which keeps shared links short. */
export function nonDefaultInputs(
  values: Readonly<Record<string, string>>,
  defaults: Readonly<Record<string, string>>,
): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => defaults[name] !== value));
}
