import { noDataReasonText, noDataText } from './describeSlo';

describe('the words for no-data reasons', () => {
  it('says a window with no counted time is that, with the engine saying what excluded it', () => {
    // The engine's reason (stewardship-common evaluateSlo) for a window corrections cover.
    const engine =
      'corrections exclude the whole SLO window, so there is nothing to judge until counted time enters it (when a correction ends, or is deleted)';
    expect(noDataText('excluded', engine)).toBe(
      `No counted time in the SLO window: ${engine}`,
    );
  });

  it('says slices too short for the scrape interval, not a broken SLI', () => {
    expect(noDataReasonText('slices-too-short')).toBe(
      "The slices are too short for the metric's scrape interval",
    );
  });
});
