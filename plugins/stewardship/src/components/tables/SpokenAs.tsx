import { useVisuallyHidden } from '../SloDetails/useVisuallyHidden';

/**
 * The class of the words only a screen reader reads: what a test reads as shown leaves them out.
 */
export const SPOKEN_ONLY_CLASS = 'stewardship-spoken-only';

/**
 * `shown` on screen, read as `spoken` by a screen reader: a cell's "—" is silent (or "em dash")
 * there, where it means "no incidents" or "no budget figure". The shown text is hidden from
 * screen readers, the spoken one from sight (a printout shows the shown text only). Both are in
 * the page's text: selecting and copying a table copies "— no incidents"; the downloads (CSV,
 * Markdown) are written from the figures, not the page, and hold the dash alone.
 */
export function SpokenAs(props: { shown: string; spoken: string }) {
  const hidden = useVisuallyHidden();
  return (
    <>
      <span aria-hidden="true">{props.shown}</span>
      <span className={`${SPOKEN_ONLY_CLASS} ${hidden.root}`}>
        {props.spoken}
      </span>
    </>
  );
}
