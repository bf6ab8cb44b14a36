import { incidents, summaryOf } from '../../__testUtils__/incidentFixtures';
import { DURATION_FIGURES } from './IncidentFiguresTable';

/** The field of an incident each word of the definitions names. */
const FIELD_OF_WORD: Record<string, string> = {
  start: 'startedAt',
  detection: 'detectedAt',
  acknowledgement: 'acknowledgedAt',
  mitigation: 'mitigatedAt',
  resolution: 'resolvedAt',
};

describe('DURATION_FIGURES', () => {
  it('says in words the moments the figures are computed between', () => {
    const { incidents: figures } = summaryOf(incidents);
    for (const f of DURATION_FIGURES) {
      expect(figures.all[f.key].formula).toBe(
        `${f.label} = ${FIELD_OF_WORD[f.to]} − ${FIELD_OF_WORD[f.from]}`,
      );
    }
  });
});
