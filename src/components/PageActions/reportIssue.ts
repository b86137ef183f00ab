/**
 * The "Report a problem" link: a new-issue URL on the project's GitHub
 * repository with a title and body filled in. Pure, so it is unit-tested and
 * the page only renders it; nothing is sent anywhere until the reader submits.
 */

/** The chooser's own query parameters (see src/utils/chooserState.ts): the version, the answers and `in.` inputs. */
export function chooserQuery(search: string): string {
  const params = new URLSearchParams(search);
  if (!params.has('chooser')) return '';
  const kept = new URLSearchParams();
  for (const [key, value] of params) {
    if (key === 'chooser' || key === 'path' || key.startsWith('in.')) kept.append(key, value);
  }
  return `?${kept.toString()}`;
}

export interface ReportInput {
  /** `https://github.com/owner/name`, without a trailing slash. */
  readonly repoUrl: string;
  /** The page's URL path, baseUrl included. */
  readonly path: string;
  readonly title: string;
  /** The page's query string; only the chooser's parameters are carried over. */
  readonly search: string;
}

export function reportIssueUrl({repoUrl, path, title, search}: ReportInput): string {
  const chooser = chooserQuery(search);
  const body = [
    `Page: \`${path}\``,
    `Page title: ${title}`,
    ...(chooser
      ? [
          `Chooser state: \`${path}${chooser}\``,
          '',
          'The chooser state above includes the values typed into the form. Issues are public: remove anything you would rather not share.',
        ]
      : []),
    '',
    '### What is wrong?',
    '',
    '',
    '### What did you expect instead?',
    '',
  ].join('\n');
  const params = new URLSearchParams({title: `Problem on "${title}"`, body});
  return `${repoUrl}/issues/new?${params.toString()}`;
}
