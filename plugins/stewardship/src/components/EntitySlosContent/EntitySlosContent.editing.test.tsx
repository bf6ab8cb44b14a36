import { Entity, RELATION_HAS_PART } from '@backstage/catalog-model';
import {
  SloDefinition,
  SloSpec,
} from '@stewardship/backstage-plugin-stewardship-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntitySlos, MetricSourceSummary } from '../../api';
import {
  mockStewardshipApi,
  renderWithApi,
  testEntity,
} from '../../__testUtils__/renderWithApi';
import {
  ENTITY_REF,
  SLO_AT,
  allSloItems,
  atRiskEvaluation,
  atRiskSlo,
  entitySlos,
  healthyEvaluation,
  healthySlo,
} from '../../__testUtils__/sloFixtures';
import { allowGate } from '../../__testUtils__/backlogFixtures';
import { EntitySlosContent } from './EntitySlosContent';

// Dialogs with MUI selects render slowly on a shared machine.
jest.setTimeout(60_000);

// The details panel has its own tests; it is never opened here.
jest.mock('../SloDetails', () => ({ SloDetails: () => null }));

const sources: MetricSourceSummary[] = [
  {
    name: 'prometheus',
    type: 'prometheus',
    health: { status: 'ok', checkedAt: '2024-09-20T12:00:00.000Z' },
  },
];

/** Types into the input labelled `label` in one change event. */
function setText(label: RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

/**
 * Waits until the editor has filled in the only configured source itself, as it does (its own
 * tests choose from the menu; opening it over this page costs seconds in jsdom).
 */
async function onlySourceFilledIn() {
  await screen.findByText('Type prometheus, up', {
    selector: 'p#slo-metric-source-helper-text',
  });
}

/**
 * Waits for the tab to say `text` in its status line, and checks it said it only once the dialog
 * had left the page (while a dialog is open, screen readers are kept from the rest of the page).
 * Called as the dialog starts to close: findByText looks again on each change of the page, so it
 * sees the text in the very render that adds it.
 */
async function expectTabSays(text: string) {
  const said = await screen.findByText(text, undefined, { timeout: 5000 });
  expect(said.closest('[role="status"]')).not.toBeNull();
  expect(document.querySelector('[role="dialog"]')).toBeNull();
}

/** A backend whose SLO list is `current()` at each request, so a test can change it. */
function listing(current: () => EntitySlos) {
  const requested: string[] = [];
  return {
    requested,
    getEntitySlos: async (ref: unknown) => {
      requested.push(String(ref));
      return current();
    },
  };
}

describe('EntitySlosContent: changing SLOs', () => {
  it('creates an SLO from the empty state and shows it after the list reloads', async () => {
    let items = entitySlos([]);
    const list = listing(() => items);
    const created: SloSpec[] = [];
    const api = mockStewardshipApi({
      getEntitySlos: list.getEntitySlos,
      listMetricSources: async () => sources,
      createSlo: async spec => {
        created.push(spec);
        const slo: SloDefinition = {
          ...healthySlo,
          ...spec,
          id: 'new-slo',
          name: spec.name,
        };
        items = entitySlos([
          { slo, evaluation: healthyEvaluation, stale: false },
        ]);
        return slo;
      },
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    await screen.findByText('No SLOs for this entity yet');
    // The header offers the form, and the empty state too, ahead of its curl snippets.
    const createButtons = screen.getAllByRole('button', { name: 'Create SLO' });
    expect(createButtons).toHaveLength(2);

    await userEvent.click(createButtons[0]);
    const dialog = await screen.findByRole('dialog', { name: 'New SLO' });
    setText(/^Name/, 'checkout-success');
    setText(/^Good events query/, 'ok_total');
    setText(/^Total events query/, 'all_total');
    setText(/^Objective/, '99.5');
    await onlySourceFilledIn();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    await expectTabSays('SLO checkout-success created.');

    const row = await screen.findByRole('region', { name: 'checkout-success' });
    expect(created).toEqual([
      expect.objectContaining({
        entityRef: ENTITY_REF,
        name: 'checkout-success',
        objective: 0.995,
        metricSource: 'prometheus',
      }),
    ]);
    // Loaded once, then again after the save; the dialog is gone.
    expect(list.requested).toEqual([ENTITY_REF, ENTITY_REF]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText('No SLOs for this entity yet')).toBeNull();
    expect(
      within(row).getByRole('button', { name: 'Edit checkout-success' }),
    ).toBeInTheDocument();

    // Another moment shows another list: what was done to the current one is no longer said.
    fireEvent.change(screen.getByLabelText('As of (your local time)'), {
      target: { value: '2024-09-30T23:59' },
    });
    await waitFor(() => expect(list.requested).toHaveLength(3));
    expect(screen.queryByText('SLO checkout-success created.')).toBeNull();
  });

  it("opens the editor with the SLO's values from its row", async () => {
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos(allSloItems),
      listMetricSources: async () => sources,
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    const row = await screen.findByRole('region', { name: atRiskSlo.name });
    await userEvent.click(
      within(row).getByRole('button', { name: `Edit ${atRiskSlo.name}` }),
    );

    const dialog = await screen.findByRole('dialog', {
      name: `Edit SLO ${atRiskSlo.name}`,
    });
    expect(within(dialog).getByLabelText(/^Name/)).toHaveValue(atRiskSlo.name);
    expect(within(dialog).getByLabelText(/^Objective/)).toHaveValue(
      String(Number((atRiskSlo.objective * 100).toFixed(6))),
    );
    if (atRiskSlo.sli.type !== 'ratio') throw new Error('fixture changed');
    expect(within(dialog).getByLabelText(/^Total events query/)).toHaveValue(
      atRiskSlo.sli.total,
    );
    expect(
      within(dialog).getByRole('button', { name: 'Delete' }),
    ).toBeInTheDocument();
  });

  it('keeps the list while it reloads after a save, and focus on the row it was edited from', async () => {
    let releaseReload: () => void = () => {};
    let loads = 0;
    const api = mockStewardshipApi({
      getEntitySlos: async () => {
        loads++;
        if (loads > 1) {
          // The reload after the save waits until the test has looked at the page.
          await new Promise<void>(resolve => {
            releaseReload = resolve;
          });
        }
        return entitySlos(allSloItems);
      },
      listMetricSources: async () => sources,
      updateSlo: async (_id, spec) => ({ ...atRiskSlo, ...spec }),
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    const edit = within(
      await screen.findByRole('region', { name: atRiskSlo.name }),
    ).getByRole('button', { name: `Edit ${atRiskSlo.name}` });
    await userEvent.click(edit);
    const dialog = await screen.findByRole('dialog', {
      name: `Edit SLO ${atRiskSlo.name}`,
    });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await expectTabSays(`SLO ${atRiskSlo.name} saved.`);

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(() => expect(loads).toBe(2));
    // Reloading: the rows are still there (no progress bar in their place), focus is back on
    // the button the dialog was opened from.
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(
      screen.getByRole('region', { name: atRiskSlo.name }),
    ).toBeInTheDocument();
    await waitFor(() => expect(edit).toHaveFocus());
    releaseReload();
    await waitFor(() => expect(edit).toHaveFocus());

    // Said until a dialog opens again.
    await userEvent.click(edit);
    await screen.findByRole('dialog', { name: `Edit SLO ${atRiskSlo.name}` });
    expect(screen.queryByText(`SLO ${atRiskSlo.name} saved.`)).toBeNull();
  });

  it('reloads the list after a delete', async () => {
    let items = entitySlos([
      { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
    ]);
    const list = listing(() => items);
    const deleted: string[] = [];
    const api = mockStewardshipApi({
      getEntitySlos: list.getEntitySlos,
      listMetricSources: async () => sources,
      deleteSlo: async id => {
        deleted.push(id);
        items = entitySlos([]);
      },
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    await userEvent.click(
      await screen.findByRole('button', { name: `Edit ${healthySlo.name}` }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Edit SLO ${healthySlo.name}`,
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: `Delete SLO ${healthySlo.name}?`,
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );
    await expectTabSays(`SLO ${healthySlo.name} deleted.`);

    expect(
      await screen.findByText('No SLOs for this entity yet'),
    ).toBeInTheDocument();
    expect(deleted).toEqual([healthySlo.id]);
    expect(list.requested).toHaveLength(2);
    // Its row is gone, and the Edit button with it: focus goes to the tab's Create SLO once the
    // dialog has left. The button is looked up once (`hidden`: the leaving dialog still hides
    // the page from role queries): a role query over this page takes ~0.3 s in jsdom, so
    // polling one inside waitFor could outlast its 1 s timeout on a busy machine.
    const create = screen.getAllByRole('button', {
      name: 'Create SLO',
      hidden: true,
    })[0];
    await waitFor(() => expect(create).toHaveFocus());
  });

  it('reads the release gate and the dependency ceiling again after a change', async () => {
    let items = entitySlos([
      { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
    ]);
    const list = listing(() => items);
    const gateReads: number[] = [];
    const ceilingReads: number[] = [];
    const api = mockStewardshipApi({
      getEntitySlos: list.getEntitySlos,
      listMetricSources: async () => sources,
      deleteSlo: async () => {
        items = entitySlos([]);
      },
      // What the backend would answer: the gate counts the SLOs there are at the time.
      getEntityReleaseGate: async () => {
        const counted = items.items.length;
        gateReads.push(counted);
        return {
          ...allowGate,
          entityRef: ENTITY_REF,
          countedSlos: counted,
        };
      },
      getEntityDependencyCeiling: async () => {
        ceilingReads.push(items.items.length);
        return { entityRef: ENTITY_REF, dependencies: [], objectives: [] };
      },
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    await userEvent.click(
      await screen.findByRole('button', { name: `Edit ${healthySlo.name}` }),
    );
    await waitFor(() => expect(gateReads).toEqual([1]));
    expect(ceilingReads).toEqual([1]);
    const dialog = await screen.findByRole('dialog', {
      name: `Edit SLO ${healthySlo.name}`,
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );
    const confirm = await screen.findByRole('dialog', {
      name: `Delete SLO ${healthySlo.name}?`,
    });
    await userEvent.click(
      within(confirm).getByRole('button', { name: 'Delete' }),
    );

    await screen.findByText('No SLOs for this entity yet');
    // Read again after the delete, when the entity had no SLO left.
    await waitFor(() => expect(gateReads).toEqual([1, 0]));
    expect(ceilingReads).toEqual([1, 0]);
  });

  it('opens the YAML import for the entity and reloads after an import', async () => {
    let items = entitySlos([]);
    const list = listing(() => items);
    const imports: Array<{ dryRun?: boolean; entityRef?: string }> = [];
    const api = mockStewardshipApi({
      getEntitySlos: list.getEntitySlos,
      importSlos: async (_yaml, options) => {
        imports.push({ dryRun: options.dryRun, entityRef: options.entityRef });
        if (!options.dryRun) {
          items = entitySlos([
            { slo: healthySlo, evaluation: healthyEvaluation, stale: false },
            { slo: atRiskSlo, evaluation: atRiskEvaluation, stale: false },
          ]);
        }
        return [healthySlo, atRiskSlo];
      },
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    await screen.findByText('No SLOs for this entity yet');
    await userEvent.click(
      screen.getAllByRole('button', { name: 'Import YAML' })[0],
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Import SLOs from YAML',
    });
    setText(/OpenSLO or Sloth YAML/, 'apiVersion: openslo/v1\n');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview' }),
    );
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Import' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Import' }),
    );
    await expectTabSays('2 SLOs imported.');

    expect(
      await screen.findByRole('region', { name: healthySlo.name }),
    ).toBeInTheDocument();
    expect(imports).toEqual([
      { dryRun: true, entityRef: ENTITY_REF },
      { dryRun: false, entityRef: ENTITY_REF },
    ]);
    expect(list.requested).toHaveLength(2);
  });

  it('offers Export OpenSLO on every row, each downloading its own SLO', async () => {
    const exported: string[] = [];
    const api = mockStewardshipApi({
      getEntitySlos: async () => entitySlos(allSloItems),
      exportSloOpenSlo: async id => {
        exported.push(id);
        return 'apiVersion: openslo/v1\n';
      },
    });
    // jsdom has no Blob URLs; the download itself is the button's own test's business.
    const saved = {
      createObjectURL: URL.createObjectURL,
      revokeObjectURL: URL.revokeObjectURL,
    };
    Object.assign(URL, {
      createObjectURL: () => 'blob:slo',
      revokeObjectURL: () => {},
    });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    await renderWithApi(<EntitySlosContent />, api, { entity: testEntity });
    await screen.findByRole('region', { name: healthySlo.name });

    const exportButtons = allSloItems.map(item => {
      const row = screen.getByRole('region', { name: item.slo.name });
      const button = within(row).getByRole('button', {
        name: `Export OpenSLO of ${item.slo.name}`,
      });
      expect(button).toHaveTextContent('Export OpenSLO');
      return button;
    });
    // The one of its row: looked up there once (a role query over the page takes ~0.5 s).
    await userEvent.click(
      exportButtons[allSloItems.findIndex(i => i.slo.id === atRiskSlo.id)],
    );
    await waitFor(() => expect(exported).toEqual([atRiskSlo.id]));
    Object.assign(URL, saved);
    jest.restoreAllMocks();
  });

  it("on a system, creates an SLO for the component whose group's button was used", async () => {
    const system: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'payments', namespace: 'default' },
      spec: { owner: 'group:default/payments' },
      relations: [
        { type: RELATION_HAS_PART, targetRef: 'component:default/ledger' },
        { type: RELATION_HAS_PART, targetRef: 'component:default/quiet' },
      ],
    };
    const requested: string[] = [];
    const listOf = (ref: string) =>
      ref === 'component:default/ledger'
        ? entitySlos(allSloItems.slice(0, 1), ref)
        : entitySlos([], ref);
    const api = mockStewardshipApi({
      getEntitySlos: async ref => {
        requested.push(String(ref));
        return listOf(String(ref));
      },
      getSlosByEntities: async refs => {
        requested.push(`batch: ${refs.join(', ')}`);
        return {
          at: SLO_AT.toISOString(),
          items: refs.map(String).map(listOf),
        };
      },
      listMetricSources: async () => sources,
    });

    await renderWithApi(<EntitySlosContent />, api, { entity: system });
    const ledger = await screen.findByRole('region', {
      name: 'SLOs of ledger',
    });
    expect(
      screen.getByRole('button', {
        name: 'Create SLO for payments',
      }),
    ).toBeInTheDocument();
    // A component without an SLO can get its first one here too.
    const quiet = screen.getByRole('region', {
      name: 'No SLO yet for quiet',
    });
    expect(
      within(quiet).getByRole('button', {
        name: 'Import YAML for quiet',
      }),
    ).toBeInTheDocument();

    await userEvent.click(
      within(ledger).getByRole('button', {
        name: 'Create SLO for ledger',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New SLO' });
    // The editor was opened for the component: its create request names it.
    const created: SloSpec[] = [];
    api.createSlo = async spec => {
      created.push(spec);
      return { ...healthySlo, ...spec };
    };
    setText(/^Name/, 'ledger-writes');
    setText(/^Good events query/, 'ok_total');
    setText(/^Total events query/, 'all_total');
    setText(/^Objective/, '99');
    await onlySourceFilledIn();
    requested.length = 0;
    // In the dialog: a role query's names are worked out for every button of the page behind it.
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Create' }),
    );
    await waitFor(() =>
      expect(created.map(spec => spec.entityRef)).toEqual([
        'component:default/ledger',
      ]),
    );
    // Read again: the system's own list and the changed component, not every component.
    await waitFor(() =>
      expect([...requested].sort()).toEqual([
        'batch: component:default/ledger',
        'system:default/payments',
      ]),
    );
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(requested).toHaveLength(2);
  });
});
