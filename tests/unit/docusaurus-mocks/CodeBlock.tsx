/** Test stand-in for `@theme/CodeBlock`: the text in a `<pre>`, without highlighting or a copy button. */
import type {ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock';

export default function CodeBlock({children, language, title, className}: Props): ReactNode {
  return (
    <pre className={className} data-language={language} title={typeof title === 'string' ? title : undefined}>
      <code>{children}</code>
    </pre>
  );
}
