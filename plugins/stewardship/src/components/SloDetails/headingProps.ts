/**
 * The props that make a Typography (or a card's title, through `titleTypographyProps`) a heading
 * of `level`: its `h1`…`h6` tag; deeper than HTML's tags go (a sub-heading of an `h6`), a
 * paragraph with the heading role and that `aria-level`, so the outline keeps its nesting.
 */
export function headingProps(
  level: number,
):
  | { component: HeadingTag }
  | { component: 'p'; role: 'heading'; 'aria-level': number } {
  return level <= 6
    ? { component: `h${level}` as HeadingTag }
    : { component: 'p', role: 'heading', 'aria-level': level };
}

type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
