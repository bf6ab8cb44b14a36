import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  SloCorrection,
  SloEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { seriousAxeViolations } from '../../__testUtils__/axe';
import { SloDetails } from './SloDetails';
import { evaluation, history, slo } from './__fixtures__';

// The first render of MUI takes seconds on a loaded machine.
jest.setTimeout(30_000);

const sunday: SloCorrection = {
  id: 'b7d0c1a2-0000-4000-8000-000000000001',
  reason: 'Sunday maintenance',
  weekly: { days: ['sun'], from: '02:00', to: '04:00', timeZone: 'UTC' },
  author: 'user:default/jane.doe',
  createdAt: '2024-04-10T09:30:00.000Z',
};

/** The fixture's evaluation, its burn-rate queries under a heading per window (one: 5m). */
const byWindow: SloEvaluation = {
  ...evaluation,
  explanation: {
    ...evaluation.explanation,
    queryIndexesByWindow: { sloWindow: [0, 1], burnRates: { '5m': [0, 1] } },
  },
};

/** Every heading the details have, with an incident, a correction and one why panel open. */
async function renderDetails(
  props: { headingLevel?: 4 | 5; entityTitle?: string } = {},
) {
  const api = mockStewardshipApi({
    getSloHistory: async () => history,
    listSloRevisions: async () => [],
    listEntityIncidents: async () => ({
      totalCount: 1,
      items: [
        {
          id: 'i1',
          entityRef: slo.entityRef,
          title: 'Bad deploy',
          severity: 'SEV2',
          status: 'mitigated',
          detectedAt: '2024-04-20T10:00:00.000Z',
          fireDrill: false,
          affectedSloIds: [slo.id],
        } as any,
      ],
    }),
  });
  await renderWithApi(
    <SloDetails
      slo={{ ...slo, corrections: [sunday] }}
      evaluation={byWindow}
      {...props}
    />,
    api,
  );
  await screen.findByText(/^SEV2 “Bad deploy”/);
  await userEvent.click(
    screen.getByRole('button', { name: 'Why these burn rates' }),
  );
}

/**
 * The details' outline, its card titles at `level`, the headings in them below. The first card
 * is a section like the others: the SLO's name (availability) is the heading above the details,
 * not repeated under it.
 */
function outline(level: number): Array<[number, string]> {
  return [
    [level, 'Summary'],
    [level, 'Error budget burndown'],
    [level + 1, 'Incidents in this window (dotted lines, where each started):'],
    [level, 'SLI over time'],
    [level, 'Counted time and corrections'],
    [level, 'Changes'],
    [level, 'Burn rates'],
    [level, 'Why this number'],
    [level + 1, 'Queries'],
    [level + 2, 'Burn rate over 5m'],
    [level + 1, 'Event counts'],
    [level + 1, 'Window'],
    [level + 1, 'Formulas'],
  ];
}

function expectOutline(expected: Array<[number, string]>) {
  for (const [level, name] of expected) {
    expect(screen.getByRole('heading', { level, name })).toBeInTheDocument();
  }
  // No other heading, at any level.
  expect(screen.getAllByRole('heading')).toHaveLength(expected.length);
}

describe('SloDetails headings and names', () => {
  it('titles its cards h4 and names its tables by the SLO alone, by default', async () => {
    await renderDetails();

    expectOutline(outline(4));
    expect(
      screen.getByRole('table', { name: 'Corrections of availability' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: /^History of availability\. / }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Burn rates' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Add correction' }),
    );
    expect(
      screen.getByRole('dialog', { name: 'Add a correction to availability' }),
    ).toBeInTheDocument();
  });

  it('goes one level deeper under an h4 and names the entity beside the SLO', async () => {
    await renderDetails({ headingLevel: 5, entityTitle: 'Fraud Detection' });

    // Below h6, a paragraph with the heading role (HTML has no h7).
    expectOutline(outline(5));
    expect(
      screen.getByRole('heading', { level: 7, name: 'Burn rate over 5m' }),
    ).toHaveAttribute('aria-level', '7');
    // A valid heading to axe too (the role allowed on a paragraph, the level a valid value).
    expect(await seriousAxeViolations(document.body)).toEqual([]);
    expect(
      screen.getByRole('table', {
        name: 'Corrections of availability of Fraud Detection',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: /^History of availability of Fraud Detection\. /,
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', {
        name: 'Burn rates of availability of Fraud Detection',
      }),
    ).toBeInTheDocument();
    // The visible text first, then what it acts on (WCAG 2.5.3, label in name).
    const add = screen.getByRole('button', {
      name: 'Add correction to availability of Fraud Detection',
    });
    expect(add).toHaveTextContent(/^Add correction$/);
    await userEvent.click(add);
    const dialog = screen.getByRole('dialog', {
      name: 'Add a correction to availability of Fraud Detection',
    });
    expect(within(dialog).getByRole('heading', { level: 2 })).toHaveTextContent(
      'Add a correction to availability of Fraud Detection',
    );
  });
});
