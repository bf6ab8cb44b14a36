import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { backendError } from '../../__testUtils__/backendError';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { allowGate } from '../../__testUtils__/backlogFixtures';
import { summaryOf } from '../../__testUtils__/incidentFixtures';
import {
  ENTITY_REF,
  allSloItems,
  entitySlos,
} from '../../__testUtils__/sloFixtures';
import { EntitySlosContent } from './EntitySlosContent';

// Several cards load at once on a loaded machine.
jest.setTimeout(30_000);

jest.mock('../SloDetails', () => ({
  SloDetails: () => <div data-testid="slo-details" />,
}));

const SAID_ONCE = /^Error: The Stewardship backend cannot be reached\./;

describe('EntitySlosContent when the backend cannot be reached', () => {
  it.each([
    ['no answer came', async () => new TypeError('Failed to fetch')],
    [
      "the proxy's 502",
      () =>
        ResponseError.fromResponse(
          new Response('<html><body>Bad Gateway</body></html>', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'Content-Type': 'text/html' },
          }),
        ),
    ],
  ])(
    'says so once (%s), not once per card, and Try again reads everything again',
    async (_what, failure) => {
      let down = true;
      const fail = async () => {
        throw await failure();
      };
      const getEntitySlos = jest.fn(async () =>
        down ? fail() : entitySlos(allSloItems),
      );
      // Down, then failing on their own: each card says so alone once the SLOs are read.
      const getEntityReleaseGate = jest.fn(async () =>
        down ? fail() : Promise.reject(new Error('gate broke')),
      );
      const getEntityDependencyCeiling = jest.fn(fail);
      const listEntityIncidents = jest.fn(fail);
      const getEntityIncidentSummary = jest.fn(fail);
      await renderWithApi(
        <EntitySlosContent />,
        mockStewardshipApi({
          getEntitySlos,
          getEntityReleaseGate,
          getEntityDependencyCeiling,
          listEntityIncidents,
          getEntityIncidentSummary,
        }),
        { entity: testEntity },
      );

      expect(await screen.findAllByText(SAID_ONCE)).toHaveLength(1);
      // The cards went with their errors; one Try again, no buttons that would fail too.
      await waitFor(() =>
        expect(screen.queryByRole('region', { name: 'Incidents' })).toBeNull(),
      );
      expect(screen.queryByRole('region', { name: 'Release gate' })).toBeNull();
      expect(
        screen.queryByRole('region', { name: 'Dependency ceiling' }),
      ).toBeNull();
      expect(screen.queryByText(/^Error: Could not read/)).toBeNull();
      const tryAgain = screen.getByRole('button', { name: 'Try again' });
      expect(screen.getAllByRole('button', { name: /Try again/ })).toHaveLength(
        1,
      );
      expect(screen.queryByRole('button', { name: 'Create SLO' })).toBeNull();
      const slosRead = getEntitySlos.mock.calls.length;
      const gateRead = getEntityReleaseGate.mock.calls.length;
      const ceilingRead = getEntityDependencyCeiling.mock.calls.length;

      down = false;
      await userEvent.click(tryAgain);

      expect(
        await screen.findAllByRole('button', { name: /^Show details of / }),
      ).toHaveLength(allSloItems.length);
      expect(screen.queryByText(SAID_ONCE)).toBeNull();
      expect(getEntitySlos.mock.calls.length).toBe(slosRead + 1);
      // The cards are back and read again; what fails now says so on its card.
      expect(
        await screen.findByRole('region', { name: 'Release gate' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: 'Dependency ceiling' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: 'Incidents' }),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(getEntityReleaseGate.mock.calls.length).toBeGreaterThan(
          gateRead,
        ),
      );
      await waitFor(() =>
        expect(getEntityDependencyCeiling.mock.calls.length).toBeGreaterThan(
          ceilingRead,
        ),
      );
      expect(
        await screen.findByText(/Could not read the release gate: gate broke/),
      ).toBeInTheDocument();
      // The Try again pressed is gone: focus is on the tab's header, not lost to the page.
      await waitFor(() =>
        expect(document.activeElement?.getAttribute('tabindex')).toBe('-1'),
      );
      expect(document.activeElement).toContainElement(
        screen.getByRole('button', { name: 'Create SLO' }),
      );
      // Named, so a screen reader says where focus went.
      expect(document.activeElement).toBe(
        screen.getByRole('group', { name: /^SLOs of / }),
      );
    },
  );

  it('leaves focus where it is when a retry finds the backend still down and a later load succeeds', async () => {
    let down = true;
    const getEntitySlos = jest.fn(async () => {
      if (down) throw new TypeError('Failed to fetch');
      return entitySlos(allSloItems);
    });
    await renderWithApi(
      <EntitySlosContent />,
      mockStewardshipApi({ getEntitySlos }),
      { entity: testEntity },
    );
    expect(await screen.findAllByText(SAID_ONCE)).toHaveLength(1);
    const reads = getEntitySlos.mock.calls.length;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(getEntitySlos.mock.calls.length).toBeGreaterThan(reads),
    );
    // Still down: the notice stays, and so does focus on its Try again.
    expect(await screen.findAllByText(SAID_ONCE)).toHaveLength(1);
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Try again' }),
      ),
    );

    // Back, read for another moment the user types: focus stays in the As of field.
    down = false;
    const asOf = screen.getByLabelText('As of (your local time)');
    asOf.focus();
    fireEvent.change(asOf, { target: { value: '2024-09-30T23:59' } });
    fireEvent.keyDown(asOf, { key: 'Enter' });
    expect(
      await screen.findAllByRole('button', { name: /^Show details of / }),
    ).toHaveLength(allSloItems.length);
    expect(document.activeElement).toBe(asOf);
  });

  it('says, once a Try again reaches the backend and every card is read, what it loaded', async () => {
    let down = true;
    const whileDown =
      <T,>(answer: () => T) =>
      async () => {
        if (down) throw new TypeError('Failed to fetch');
        return answer();
      };
    await renderWithApi(
      <EntitySlosContent />,
      mockStewardshipApi({
        getEntitySlos: whileDown(() => entitySlos(allSloItems)),
        getEntityReleaseGate: whileDown(() => ({
          ...allowGate,
          entityRef: ENTITY_REF,
        })),
        getEntityDependencyCeiling: whileDown(() => ({
          entityRef: ENTITY_REF,
          dependencies: [],
          objectives: [],
        })),
        listEntityIncidents: whileDown(() => ({ items: [], totalCount: 0 })),
        getEntityIncidentSummary: whileDown(() => summaryOf([])),
      }),
      { entity: testEntity },
    );
    expect(await screen.findAllByText(SAID_ONCE)).toHaveLength(1);
    down = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    // Said on the retry's status line, naming what the notice said would show.
    await waitFor(() =>
      expect(screen.getByTestId('stewardship-retry-status')).toHaveTextContent(
        'Loaded the SLOs, release gate, dependency ceiling and incidents of this entity.',
      ),
    );
  });

  it('shows the usual panel when the backend answered with its own error', async () => {
    const getEntitySlos = jest.fn(async () => {
      throw await backendError(503, 'database is locked');
    });
    await renderWithApi(
      <EntitySlosContent />,
      mockStewardshipApi({ getEntitySlos }),
      { entity: testEntity },
    );
    expect(
      await screen.findByText(
        /^Error: Could not read the SLOs: .*database is locked/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(SAID_ONCE)).toBeNull();
    expect(
      screen.getByRole('region', { name: 'Release gate' }),
    ).toBeInTheDocument();
  });
});
