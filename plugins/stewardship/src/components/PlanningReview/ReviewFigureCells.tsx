/*
 * The review tables' figure cells as the CSV writes them, with what a dash (or the ceiling's
 * "ok") means said to screen readers: a screen reader reads "—" as nothing or "em dash".
 */
import { ReviewRow } from '@stewardship/backstage-plugin-stewardship-common';
import {
  ceilingText,
  costPercent,
  duration,
  largestCost,
} from './reviewFormat';
import { SpokenAs } from '../tables/SpokenAs';

/**
 * A figure as the CSV writes it; a dash, which a screen reader reads as nothing or "em dash",
 * read as what it means there (`missing`).
 */
export function Figure(props: { text: string; missing: string }) {
  return props.text === '—' ? (
    <SpokenAs shown="—" spoken={props.missing} />
  ) : (
    <>{props.text}</>
  );
}

/** What a dash means in each figure's cell (the common README defines the figures). */
export const MISSING = {
  budget: 'no budget figure at the end',
  burn: 'no burn rate in the period',
  mtta: 'no MTTA: none acknowledged',
  mttr: 'no MTTR: none resolved',
  cost: 'no budget cost stored',
  gate: 'no release gate decision',
};

/**
 * Median MTTA / MTTR, e.g. `3 min / 23 min`, `12 min / —` while none is resolved; `— / —` reads
 * "no incidents" when there were none.
 */
export function MttaMttrCell(props: { row: ReviewRow }) {
  const { count, mttaMedianSeconds, mttrMedianSeconds } = props.row.incidents;
  const mtta = duration(mttaMedianSeconds);
  const mttr = duration(mttrMedianSeconds);
  if (count === 0) {
    return <SpokenAs shown={`${mtta} / ${mttr}`} spoken="no incidents" />;
  }
  return (
    <>
      <Figure text={mtta} missing={MISSING.mtta} /> /{' '}
      <Figure text={mttr} missing={MISSING.mttr} />
    </>
  );
}

/** The largest budget cost; a dash reads "no incidents" when there were none. */
export function CostCell(props: { row: ReviewRow }) {
  return (
    <Figure
      text={costPercent(largestCost(props.row))}
      missing={props.row.incidents.count === 0 ? 'no incidents' : MISSING.cost}
    />
  );
}

/**
 * The dependency ceiling: "ok" says no objective is above it (the ceiling is not named without
 * one), in words for a screen reader.
 */
export function CeilingCell(props: { row: ReviewRow }) {
  const text = ceilingText(props.row);
  return text === 'ok' ? (
    <SpokenAs
      shown="ok"
      spoken="ok: no objective above the dependency ceiling"
    />
  ) : (
    <>{text}</>
  );
}
