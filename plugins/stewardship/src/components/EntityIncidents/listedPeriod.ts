/*
 * The period the Incidents section lists: the incidents detected in the 90 days up to its end
 * (now, or the tab's "As of" moment). An incident recorded or edited with a detection before that
 * period is saved all the same but is not listed, so the dialog warns first and the section says
 * afterwards where it went.
 */
import {
  INCIDENT_FIGURES_DEFAULT_DAYS,
  Incident,
} from '@stewardship/backstage-plugin-stewardship-common';
import { formatInstant } from '../formatSlo';

const DAY_MS = 86_400_000;

/** How many days up to its end the section lists (and counts in its figures). */
export const LISTED_DAYS = INCIDENT_FIGURES_DEFAULT_DAYS;

/** The first moment of the period listed up to `end`. */
export function listedPeriodStart(end: Date): Date {
  return new Date(end.getTime() - LISTED_DAYS * DAY_MS);
}

/** Whether a detection at `detectedMs` falls before the period listed up to `now`. */
export function detectedBeforeListedPeriod(
  detectedMs: number,
  now: number,
): boolean {
  return detectedMs < listedPeriodStart(new Date(now)).getTime();
}

const HOW_TO_SEE = `To see it, set “As of” above to a moment less than ${LISTED_DAYS} days after its detection.`;

/** What the Detected field says when the moment in it is before the period listed. */
export const DETECTED_BEFORE_LISTED_PERIOD = `More than ${LISTED_DAYS} days ago: the list here shows the incidents detected in the last ${LISTED_DAYS} days, so this one will not be listed once saved. ${HOW_TO_SEE}`;

/**
 * What the section says after saving `incident` when it will not be listed (detected before the
 * period listed up to `now`): where it went and how to see it. Undefined when it is listed.
 */
export function notListedText(
  incident: Pick<Incident, 'detectedAt'>,
  now: number,
): string | undefined {
  if (!detectedBeforeListedPeriod(Date.parse(incident.detectedAt), now)) {
    return undefined;
  }
  return `It is not listed here: it was detected on ${formatInstant(
    incident.detectedAt,
  )}, more than ${LISTED_DAYS} days ago, and the list shows the incidents detected in the last ${LISTED_DAYS} days. ${HOW_TO_SEE}`;
}
