import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionApi } from '@backstage/plugin-permission-react';
import { mockApis } from '@backstage/test-utils';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { act, screen, waitFor } from '@testing-library/react';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { SloEditor } from './SloEditor';

// Dialogs with MUI selects render slowly on a shared machine.
jest.setTimeout(60_000);

/** The SLO edited: a component's, opened from its system's tab (the editor's `entityRef`). */
const stored: SloDefinition = {
  id: '6f1c2b9e-1d2a-4c55-9f0e-0a6a4d1e2f11',
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/payments-api',
  name: 'availability',
  sli: { type: 'ratio', good: 'ok_total', total: 'all_total' },
  objective: 0.999,
  timeWindow: { type: 'rolling', duration: '30d' },
  budgetingMethod: 'occurrences',
  metricSource: 'prom',
  alertPolicies: [],
  labels: {},
};

const DENIED_PREVIEW =
  'No SLI preview: previewing needs permission to add SLOs to component:default/payments-api, which you do not have.';

type Decisions = Record<string, AuthorizeResult.ALLOW | AuthorizeResult.DENY>;

/**
 * A permission API answering `decisions` by permission name (anything else allowed), which
 * records what it was asked and what it has answered.
 */
function policy(decisions: Decisions) {
  const asked: Array<[string, string | undefined]> = [];
  const answered: string[] = [];
  const permissionApi = mockApis.permission({
    authorize: request => {
      const name = request.permission.name;
      asked.push([name, (request as { resourceRef?: string }).resourceRef]);
      answered.push(name);
      return decisions[name] ?? AuthorizeResult.ALLOW;
    },
  });
  return { permissionApi, asked, answered };
}

/** The editor, open on `slo` (default {@link stored}; `null`: a new SLO) under `permissionApi`. */
async function renderEditor(
  permissionApi: PermissionApi,
  given: SloDefinition | null = stored,
) {
  const slo = given ?? undefined;
  await renderWithApi(
    <SloEditor
      open
      // The system's: the questions are about the SLO's own entity.
      entityRef={slo ? 'system:default/payments' : stored.entityRef}
      slo={slo}
      onClose={() => {}}
      onSaved={() => {}}
    />,
    mockStewardshipApi({ listMetricSources: async () => [] }),
    { permissionApi },
  );
  await screen.findByRole('dialog');
}

/** Waits until every permission `names` was answered and the answers are rendered. */
async function settled(answered: string[], names: string[]) {
  await waitFor(() => expect(answered).toEqual(expect.arrayContaining(names)));
  // The hook's cache hands the answer on after the promise settles.
  for (let i = 0; i < 5; i++) await act(async () => {});
}

const DELETE = 'stewardship.slo.delete';
const CREATE = 'stewardship.slo.create';

describe('SloEditor and the permission policy', () => {
  it('offers Delete and Preview SLI to an editor who may delete and add SLOs, asking about the SLO’s entity', async () => {
    const { permissionApi, asked } = policy({});
    await renderEditor(permissionApi);
    expect(
      await screen.findByRole('button', { name: 'Delete' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Preview SLI' })).toBeEnabled();
    expect(screen.queryByText(DENIED_PREVIEW)).toBeNull();
    expect(asked).toContainEqual([DELETE, stored.entityRef]);
    expect(asked).toContainEqual([CREATE, stored.entityRef]);
    expect(asked.map(([, ref]) => ref)).not.toContain(
      'system:default/payments',
    );
  });

  it('hides Delete from an editor who may not delete, keeping Preview SLI', async () => {
    const { permissionApi, answered } = policy({
      [DELETE]: AuthorizeResult.DENY,
    });
    await renderEditor(permissionApi);
    await settled(answered, [DELETE, CREATE]);
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Preview SLI' })).toBeEnabled();
    expect(screen.queryByText(DENIED_PREVIEW)).toBeNull();
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });

  it('hides Preview SLI from an editor who may not add SLOs, and says why in words', async () => {
    const { permissionApi, answered } = policy({
      [CREATE]: AuthorizeResult.DENY,
    });
    await renderEditor(permissionApi);
    expect(await screen.findByText(DENIED_PREVIEW)).toBeInTheDocument();
    await settled(answered, [DELETE, CREATE]);
    expect(screen.queryByRole('button', { name: /Preview/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
  });

  it('leaves an editor who may neither delete nor add SLOs Save and Cancel alone', async () => {
    const { permissionApi, answered } = policy({
      [DELETE]: AuthorizeResult.DENY,
      [CREATE]: AuthorizeResult.DENY,
    });
    await renderEditor(permissionApi);
    expect(await screen.findByText(DENIED_PREVIEW)).toBeInTheDocument();
    await settled(answered, [DELETE, CREATE]);
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Preview/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  });

  it('keeps Preview SLI when the check fails: no answer is no denial, the backend decides', async () => {
    const failing: PermissionApi = {
      authorize: async request => {
        if (request.permission.name === CREATE) throw new Error('unreachable');
        return { result: AuthorizeResult.ALLOW };
      },
    };
    await renderEditor(failing);
    expect(
      await screen.findByRole('button', { name: 'Delete' }),
    ).toBeInTheDocument();
    for (let i = 0; i < 5; i++) await act(async () => {});
    expect(screen.getByRole('button', { name: 'Preview SLI' })).toBeEnabled();
    expect(screen.queryByText(DENIED_PREVIEW)).toBeNull();
  });

  it('has no Delete for a new SLO, and Preview SLI for a viewer who may add SLOs', async () => {
    const { permissionApi, answered, asked } = policy({});
    await renderEditor(permissionApi, null);
    await settled(answered, [CREATE]);
    expect(screen.getByRole('button', { name: 'Preview SLI' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull();
    expect(asked).toContainEqual([CREATE, stored.entityRef]);
    expect(answered).not.toContain(DELETE);
  });
});
