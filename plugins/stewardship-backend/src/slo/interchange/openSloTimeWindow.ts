import { SloTimeWindow } from '@stewardship/backstage-plugin-stewardship-common';
import { OpenSloSlo } from './openSloTypes';
import { below, DocumentPath, SpecDraft } from './SpecDraft';

const CALENDAR_UNITS: Record<string, 'month' | 'quarter'> = {
  '1M': 'month',
  '1Q': 'quarter',
};

/**
 * Converts an SLO's `spec.timeWindow` (`at` is its path). A window is rolling when `isRolling`
 * says so or, as OpenSLO specifies, when it has no `calendar`. Calendar windows without a time
 * zone are in UTC; `calendar.startTime` is not read, because our calendar windows always start at
 * the beginning of the month or quarter.
 */
export function openSloTimeWindow(
  windows: OpenSloSlo['spec']['timeWindow'],
  at: DocumentPath,
  draft: SpecDraft,
): SloTimeWindow | undefined {
  if (windows.length > 1) {
    draft.problem(
      below(at, 1),
      'An SLO has exactly one time window',
      'timeWindow',
    );
  }
  const window = windows[0];
  const here = below(at, 0);
  draft.from('timeWindow', here);
  draft.from('timeWindow.duration', below(here, 'duration'));
  if (window.isRolling ?? window.calendar === undefined) {
    return { type: 'rolling', duration: window.duration };
  }
  const unit = CALENDAR_UNITS[window.duration];
  if (!unit) {
    draft.problem(
      below(here, 'duration'),
      `Calendar windows are a month (1M) or a quarter (1Q), not "${window.duration}"`,
      'timeWindow',
    );
    return undefined;
  }
  draft.from('timeWindow.timeZone', below(here, 'calendar', 'timeZone'));
  return {
    type: 'calendar',
    unit,
    timeZone: window.calendar?.timeZone ?? 'UTC',
  };
}
