import { useVisuallyHidden } from './SloDetails/useVisuallyHidden';
import { Said } from './useSayAfterChange';

/**
 * The visually hidden status line that says what a filter change shows ({@link useSayAfterChange})
 * or what a table's sort did (`AccessibleTable`). Always on the page, so that screen readers hear
 * what comes into it; each sentence said is a new node, so one that reads as the last (two filters
 * that both show no SLOs) is heard again.
 */
export function ChangeAnnouncement(props: { said: Said }) {
  const hidden = useVisuallyHidden();
  const { text, n } = props.said;
  return (
    // Polite and atomic as role="status" implies, said outright for screen readers that do not.
    <div
      role="status"
      aria-live="polite"
      aria-atomic="true"
      className={hidden.root}
    >
      {text && <span key={n}>{text}</span>}
    </div>
  );
}
