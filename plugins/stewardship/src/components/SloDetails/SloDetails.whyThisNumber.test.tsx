/*
 * What the details hand "Why this number": the SLI that names each query by what it counts, but
 * not for an SLO budgeted by timeslices, whose counts are slices that no query returned.
 */
import { screen } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloDetails } from './SloDetails';
import { evaluation, history, slo } from './__fixtures__';

jest.setTimeout(30_000);

const whyProps: Array<Record<string, unknown>> = [];
jest.mock('./WhyThisNumber', () => ({
  WhyThisNumber: (props: Record<string, unknown>) => {
    whyProps.push(props);
    return null;
  },
}));

describe('SloDetails → WhyThisNumber', () => {
  beforeEach(() => whyProps.splice(0));

  it.each([
    ['occurrences', slo.sli],
    ['timeslices', undefined],
  ] as const)('with %s budgeting hands it sli %p', async (method, sli) => {
    await renderWithApi(
      <SloDetails
        slo={{ ...slo, budgetingMethod: method }}
        evaluation={evaluation}
      />,
      mockStewardshipApi({ getSloHistory: async () => history }),
    );
    await screen.findByText('Error budget burndown');
    expect(whyProps.length).toBeGreaterThan(0);
    expect(whyProps[whyProps.length - 1]).toMatchObject({
      sloId: slo.id,
      sli,
      sloVersion: slo.version,
    });
    expect('sli' in whyProps[whyProps.length - 1]).toBe(true);
  });
});
