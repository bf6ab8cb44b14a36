import { CodeSnippet } from '@backstage/core-components';
import { ComponentProps } from 'react';

/**
 * Backstage's CodeSnippet as plain, wrapped text, so it passes axe (WCAG 2 AA) in both themes:
 * - no syntax highlighting: the highlighter themes colour strings and comments below 4.5:1
 *   contrast (docco's strings are 3.75:1 on its background, its comments lower);
 * - long lines wrap: a `<pre>` that scrolls sideways is a scrollable region a keyboard cannot
 *   reach, and CodeSnippet cannot make it focusable. The copy button copies the text unwrapped.
 */
export function PlainCodeSnippet(
  props: Omit<ComponentProps<typeof CodeSnippet>, 'language' | 'wrapLongLines'>,
) {
  return <CodeSnippet {...props} language="text" wrapLongLines />;
}
