/*
 * axe (in jsdom) on the forms the e2e's axe runs do not open, each as it opens and with its
 * problems shown: the SLO correction dialog (one-off and weekly), an incident's status change,
 * the record dialog's problems, an incident's action-item (its owner's options open) and note
 * forms, and the release gate's override, the as-of picker refusing a future moment. Colour contrast is left to the e2e (axe in Chromium), which scans the rest.
 */
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { seriousAxeViolations } from '../__testUtils__/axe';
import { incidents, openDetail } from '../__testUtils__/incidentFixtures';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../__testUtils__/renderWithApi';
import { healthySlo } from '../__testUtils__/sloFixtures';
import { AsOfPicker } from './AsOf/AsOfPicker';
import { AddActionItemForm } from './EntityIncidents/AddActionItemForm';
import { NoteForm } from './EntityIncidents/NoteForm';
import { RecordIncidentDialog } from './EntityIncidents/RecordIncidentDialog';
import { StatusChangeDialog } from './EntityIncidents/StatusChangeDialog';
import { OverrideDialog } from './ReleaseGate/OverrideDialog';
import { CorrectionDialog } from './SloDetails/CorrectionDialog';

jest.setTimeout(60_000);

const api = () => mockStewardshipApi({});
const noop = () => {};
const commerceTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'commerce', namespace: 'default' },
  spec: {
    type: 'team',
    children: [],
    profile: { displayName: 'Commerce Team' },
  },
};

describe('forms without serious axe violations', () => {
  it('the correction dialog, one-off and weekly, with its problems', async () => {
    await renderWithApi(
      <CorrectionDialog open slo={healthySlo} onClose={noop} onAdded={noop} />,
      api(),
    );
    const dialog = screen.getByRole('dialog');
    expect(await seriousAxeViolations(dialog)).toEqual([]);

    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add correction' }),
    );
    expect(
      await within(dialog).findByText('Required: why this does not count'),
    ).toBeInTheDocument();
    expect(await seriousAxeViolations(dialog)).toEqual([]);

    await userEvent.click(
      within(dialog).getByRole('radio', { name: 'Every week' }),
    );
    // Sunday is ticked to begin with; untick it to see the days' problem.
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Sun' }),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add correction' }),
    );
    expect(
      await within(dialog).findByText('Pick at least one day'),
    ).toBeInTheDocument();
    expect(await seriousAxeViolations(dialog)).toEqual([]);
    // In the primary colour, as the dialog's buttons (MUI v4 draws them in the secondary one).
    for (const control of [
      ...within(dialog).getAllByRole('radio'),
      ...within(dialog).getAllByRole('checkbox'),
    ]) {
      expect(
        control.closest('.MuiRadio-root, .MuiCheckbox-root')!.className,
      ).toMatch(/Mui(Radio|Checkbox)-colorPrimary/);
    }
  });

  it('an incident’s status change, with its problem', async () => {
    await renderWithApi(
      <StatusChangeDialog
        incident={incidents[0]}
        status="resolved"
        onClose={noop}
        onChanged={noop}
        onReload={noop}
      />,
      api(),
    );
    const dialog = screen.getByRole('dialog');
    expect(await seriousAxeViolations(dialog)).toEqual([]);
    await userEvent.clear(within(dialog).getByLabelText(/^Resolved at/));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );
    expect(
      await within(dialog).findByText('Pick a date and time'),
    ).toBeInTheDocument();
    expect(await seriousAxeViolations(dialog)).toEqual([]);
  });

  it('the record dialog with its problems', async () => {
    await renderWithApi(
      <RecordIncidentDialog
        open
        entityRef="component:default/payments-api"
        slos={[healthySlo]}
        onClose={noop}
        onRecorded={noop}
      />,
      api(),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    expect(within(dialog).getByLabelText(/^Title/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(await seriousAxeViolations(dialog)).toEqual([]);
    // The affected SLO and fire-drill boxes in the primary colour, as the dialog's buttons.
    const boxes = within(dialog).getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    for (const box of boxes) {
      expect(box.closest('.MuiCheckbox-root')!.className).toMatch(
        /MuiCheckbox-colorPrimary/,
      );
    }
  });

  it('an incident’s action-item and note forms, with their problems and the owner’s options open', async () => {
    const { container } = await renderWithApi(
      <TestApiProvider
        apis={[[catalogApiRef, catalogApiMock({ entities: [commerceTeam] })]]}
      >
        <AddActionItemForm
          incidentId={openDetail.id}
          incidentTitle={openDetail.title}
          onAdded={noop}
        />
        <NoteForm incident={openDetail} onAdded={noop} onReload={noop} />
      </TestApiProvider>,
      api(),
    );
    expect(await seriousAxeViolations(container)).toEqual([]);
    await userEvent.click(
      screen.getByRole('button', { name: /^Add action item/ }),
    );
    await userEvent.click(screen.getByRole('button', { name: /^Add note/ }));
    expect(screen.getByLabelText(/^Action item/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    expect(await seriousAxeViolations(container)).toEqual([]);
    // The owner's options, open: the list is outside the form (in a popper on the page's body).
    await userEvent.type(
      screen.getByRole('combobox', { name: 'Owner (user or group)' }),
      'comm',
    );
    await screen.findByRole('option', {
      name: 'Commerce Team, group:default/commerce',
    });
    expect(screen.getByRole('listbox')).toBeVisible();
    expect(await seriousAxeViolations(document.body)).toEqual([]);
  });

  it('the as-of picker refusing a future moment', async () => {
    const { container } = await renderWithApi(
      <AsOfPicker
        onChange={noop}
        now={() => Date.parse('2026-03-01T12:00:00Z')}
      />,
      api(),
    );
    expect(await seriousAxeViolations(container)).toEqual([]);
    fireEvent.change(screen.getByLabelText(/^As of/), {
      target: { value: '2026-03-05T09:00' },
    });
    expect(
      screen.getByText(/^That moment is in the future/),
    ).toBeInTheDocument();
    expect(await seriousAxeViolations(container)).toEqual([]);
  });

  it('the release gate’s override, with its problems', async () => {
    await renderWithApi(
      <OverrideDialog
        open
        entityRef="component:default/payments-api"
        onClose={noop}
        onCreated={noop}
      />,
      api(),
    );
    const dialog = screen.getByRole('dialog');
    expect(await seriousAxeViolations(dialog)).toEqual([]);
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Override' }),
    );
    expect(
      await within(dialog).findByText('Say why the release may go ahead.'),
    ).toBeInTheDocument();
    expect(await seriousAxeViolations(dialog)).toEqual([]);
  });
});
