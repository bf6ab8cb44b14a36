import { screen } from '@testing-library/react';
import { allSloItems, SLO_AT } from '../../__testUtils__/sloFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
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
});
