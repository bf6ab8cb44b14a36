import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

/** The `?at=` of the page URL: the moment the SLOs tab, or the SLO overview, shows. */
export interface AsOf {
  /** The moment asked for; absent means now. */
  at?: Date;
  /** Why the URL's `at` was ignored (not a date, or in the future). */
  problem?: string;
  /** Sets `?at=` (or removes it with `undefined`), keeping the other query parameters. */
  setAt: (at: Date | undefined) => void;
}

/**
 * Reads and writes the page's "as of" moment in the URL, so a link to "the state at the end of Q3"
 * can be shared. A value that is not a date, or lies in the future, is reported and ignored.
 */
export function useAsOf(now: () => number = Date.now): AsOf {
  const [params, setParams] = useSearchParams();
  const raw = params.get('at');

  const setAt = useCallback(
    (at: Date | undefined) => {
      const next = new URLSearchParams(params);
      if (at) {
        next.set('at', at.toISOString());
      } else {
        next.delete('at');
      }
      setParams(next);
    },
    [params, setParams],
  );

  if (!raw) {
    return { setAt };
  }
  const time = Date.parse(raw);
  if (Number.isNaN(time)) {
    return {
      setAt,
      problem: `The link asks for the state as of “${raw}”, which is not a date and time; showing now instead.`,
    };
  }
  if (time > now()) {
    return {
      setAt,
      problem: `The link asks for the state as of ${raw}, which is in the future; showing now instead.`,
    };
  }
  return { at: new Date(time), setAt };
}
