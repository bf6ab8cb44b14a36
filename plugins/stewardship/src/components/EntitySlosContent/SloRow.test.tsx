import { fireEvent, screen } from '@testing-library/react';
import { allSloItems, SLO_AT } from '../../__testUtils__/sloFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import { history } from '../SloDetails/__fixtures__';
import { SloRow } from './SloRow';

jest.setTimeout(30_000);

describe('SloRow', () => {
  it('lets a long name without spaces break inside the card', async () => {
    const name = 'x'.repeat(300);
    const item = { ...allSloItems[0], slo: { ...allSloItems[0].slo, name } };
    await renderWithApi(
      <SloRow item={item} asOf={SLO_AT.toISOString()} />,
      mockStewardshipApi(),
      { entity: testEntity },
    );
    expect(screen.getByRole('heading', { name })).toHaveStyle({
      overflowWrap: 'anywhere',
    });
  });

  it.each([
    // The SLO's name an h3, its details' card titles h4, named by the SLO.
    ['component', {}, 4, 'availability'],
    // The name an h4 under its component's h3, the titles h5, named with the component.
    [
      'system',
      { of: 'Fraud Detection', headingLevel: 4 as const },
      5,
      'availability of Fraud Detection',
    ],
  ])(
    "on a %s's tab, opens the details one level below the SLO's name, their tables named as the row is",
    async (_tab, props, level, name) => {
      const item = {
        ...allSloItems[0],
        slo: {
          ...allSloItems[0].slo,
          name: 'availability',
          corrections: [
            {
              id: 'b7d0c1a2-0000-4000-8000-000000000001',
              reason: 'Sunday maintenance',
              weekly: {
                days: ['sun' as const],
                from: '02:00',
                to: '04:00',
                timeZone: 'UTC',
              },
              author: 'user:default/jane.doe',
              createdAt: '2024-04-10T09:30:00.000Z',
            },
          ],
        },
      };
      await renderWithApi(
        <SloRow item={item} asOf={SLO_AT.toISOString()} {...props} />,
        mockStewardshipApi({
          getSloHistory: async () => history,
          listSloRevisions: async () => [],
          listEntityIncidents: async () => ({ totalCount: 0, items: [] }),
        }),
        { entity: testEntity },
      );
      fireEvent.click(
        screen.getByRole('button', { name: `Show details of ${name}` }),
      );
      expect(
        await screen.findByRole('heading', {
          level,
          name: 'Error budget burndown',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('heading', {
          level,
          name: 'Counted time and corrections',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('heading', { level: level - 1, name: 'availability' }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('table', { name: `Corrections of ${name}` }),
      ).toBeInTheDocument();
    },
  );
});

describe('SloRow firing policies', () => {
  /** The firing-policy line of the at-risk fixture with these rates against a 14.4 threshold. */
  async function firingLine(longBurnRate?: number, shortBurnRate?: number) {
    const item = allSloItems[1];
    const [first, ...rest] = item.evaluation!.alerts;
    const alerts = [
      {
        ...first,
        firing: true,
        longBurnRate,
        shortBurnRate,
        policy: {
          ...first.policy,
          name: 'page-1h',
          longWindow: '1h',
          shortWindow: '5m',
          burnRate: 14.4,
        },
      },
      ...rest.map(alert => ({ ...alert, firing: false })),
    ];
    const { unmount } = await renderWithApi(
      <SloRow
        item={{ ...item, evaluation: { ...item.evaluation!, alerts } }}
        asOf={SLO_AT.toISOString()}
      />,
      mockStewardshipApi(),
      { entity: testEntity },
    );
    const text = screen.getByRole('list', {
      name: 'Firing alert policies',
    }).textContent;
    unmount();
    return text?.replace(/^page-1h \(\w+\) fires: /, '');
  }

  it('writes each rate with its threshold so that they never read the same', async () => {
    // 14.41 beside 14.4: three significant digits would write 14.4 twice.
    expect(await firingLine(14.41, undefined)).toBe(
      'burn rate over 1h 14.41× and over 5m unknown, threshold 14.4×',
    );
    // Each rate apart from the threshold, not from the other rate: the long rate reads as the
    // notification writes it (14.41), though the short one takes eight decimals to differ.
    expect(await firingLine(14.41234, 14.4000001)).toBe(
      'burn rate over 1h 14.41× and over 5m 14.4000001×, threshold 14.4×',
    );
  });
});
