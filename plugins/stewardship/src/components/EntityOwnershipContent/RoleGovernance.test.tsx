import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { RoleEvaluation } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { businessOk, engineeringMissing } from '../../__testUtils__/fixtures';
import { denyingPermissionApi } from '../../__testUtils__/permissions';
import {
  mockStewardshipApi,
  renderWithApi,
} from '../../__testUtils__/renderWithApi';
import { RoleGovernance } from './RoleGovernance';
import { attestationText } from './roleGovernanceText';
import {
  localDayFromNow,
  startOfLocalDay,
} from '../../__testUtils__/localCalendar';

const entityRef = 'component:default/payments-api';
const EXEMPTIONS_DENIED =
  'Only people the permission policy allows to manage ownership exemptions can grant or remove one. Ask the owners of this entity or your Backstage admins.';
const deny = mockApis.permission({ authorize: AuthorizeResult.DENY });
const asJane = mockApis.identity({
  userEntityRef: 'user:default/jane',
  ownershipEntityRefs: ['user:default/jane', 'group:default/payments'],
});
const asGuest = mockApis.identity({
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest'],
});

const exempt: RoleEvaluation = {
  ...engineeringMissing,
  status: 'exempt',
  catalogStatus: 'missing',
  exemption: {
    id: 'ex-1',
    entityRef,
    role: 'engineering',
    reason: 'Team being staffed',
    grantedBy: 'user:default/jane',
    grantedAt: '2026-11-01T12:00:00.000Z',
    expiresAt: '2026-12-15T12:00:00.000Z',
  },
};

describe('attestationText', () => {
  const at = '2026-09-01T12:00:00.000Z';
  const expiresAt = '2026-11-30T12:00:00.000Z';
  it('says who confirmed when and until when, or that nobody did', () => {
    expect(attestationText({ state: 'none' })).toBe(
      'Not confirmed: no one has confirmed its holder in this role',
    );
    expect(
      attestationText({
        state: 'current',
        by: 'user:default/jane',
        at,
        expiresAt,
      }),
    ).toBe('Confirmed by jane on 1 Sept 2026, valid until 30 Nov 2026');
  });
  it('tells an expired confirmation from one the owner change voided', () => {
    const stale = {
      state: 'stale' as const,
      by: 'user:default/jane',
      at,
      expiresAt,
    };
    expect(attestationText(stale, new Date('2026-12-01T00:00:00Z'))).toBe(
      'Confirmation expired on 30 Nov 2026 (confirmed by jane on 1 Sept 2026)',
    );
    expect(attestationText(stale, new Date('2026-10-01T00:00:00Z'))).toBe(
      'Confirmation no longer valid: the owner changed since jane confirmed on 1 Sept 2026',
    );
  });
});

/** The role as the tab shows it: `onChange` reads it again, here the next of `evaluations`. */
function Reread(props: { evaluations: RoleEvaluation[] }) {
  const [index, setIndex] = useState(0);
  return (
    <>
      {/* As RoleCard's title: the heading focus falls back to. */}
      <h2 id="role-heading" tabIndex={-1}>
        Business owner
      </h2>
      <RoleGovernance
        entityRef={entityRef}
        evaluation={props.evaluations[index]}
        onChange={() => setTimeout(() => setIndex(i => i + 1), 10)}
        headingId="role-heading"
      />
    </>
  );
}

describe('RoleGovernance', () => {
  it('keeps focus on the role when the button used is replaced after the re-read', async () => {
    await renderWithApi(
      <Reread evaluations={[engineeringMissing, exempt, engineeringMissing]} />,
      mockStewardshipApi({
        createOwnershipExemption: async () => exempt.exemption!,
        deleteOwnershipExemption: async () => {},
      }),
    );
    const grant = await screen.findByRole('button', {
      name: 'Grant exemption for the engineering owner',
    });
    // Focused, as pressing it with the keyboard leaves it: MUI hands focus back to it on closing.
    act(() => grant.focus());
    fireEvent.click(grant);
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team being staffed' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant exemption' }));
    // Granted: the Grant button is gone, the exemption's sentence has focus.
    await waitFor(() =>
      expect(screen.getByText(/^Exempt until 15 Dec 2026/)).toHaveFocus(),
    );

    const remove = await screen.findByRole('button', {
      name: 'Remove exemption for the engineering owner',
    });
    act(() => remove.focus());
    fireEvent.click(remove);
    const confirm = await screen.findByRole('dialog', {
      name: 'Remove the exemption for the engineering owner?',
    });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    // Removed: the Remove button is gone, Grant (back in its place) has focus.
    await waitFor(() =>
      expect(
        screen.getByRole('button', {
          name: 'Grant exemption for the engineering owner',
        }),
      ).toHaveFocus(),
    );
  });

  it('shows an exemption in words, and removes it for someone allowed', async () => {
    const deleteOwnershipExemption = jest.fn(async () => {});
    const onChange = jest.fn();
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={exempt}
        onChange={onChange}
      />,
      mockStewardshipApi({ deleteOwnershipExemption }),
    );
    expect(
      screen.getByText(
        'Exempt until 15 Dec 2026, granted by jane on 1 Nov 2026: Team being staffed. The catalog says: missing.',
      ),
    ).toBeInTheDocument();
    const remove = await screen.findByRole('button', {
      name: 'Remove exemption for the engineering owner',
    });
    // Asked first, saying what follows; Keep removes nothing.
    fireEvent.click(remove);
    let confirm = await screen.findByRole('dialog', {
      name: 'Remove the exemption for the engineering owner?',
    });
    expect(confirm).toHaveTextContent(
      'The engineering owner then counts as what the catalog says (missing), here and in the scorecard.',
    );
    fireEvent.click(within(confirm).getByRole('button', { name: 'Keep' }));
    await waitFor(() => expect(confirm).not.toBeInTheDocument());
    expect(deleteOwnershipExemption).not.toHaveBeenCalled();

    fireEvent.click(remove);
    confirm = await screen.findByRole('dialog', {
      name: 'Remove the exemption for the engineering owner?',
    });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(deleteOwnershipExemption).toHaveBeenCalledWith(entityRef, 'ex-1');
  });

  it('grants an exemption through the dialog, naming the role', async () => {
    const createOwnershipExemption = jest.fn(async () => exempt.exemption!);
    const onChange = jest.fn();
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={engineeringMissing}
        onChange={onChange}
      />,
      mockStewardshipApi({ createOwnershipExemption }),
    );
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Grant exemption for the engineering owner',
      }),
    );
    // Without a reason the dialog says what is missing and sends nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Grant exemption' }));
    expect(
      await screen.findByText(
        'Say why the engineering owner may be missing for now.',
      ),
    ).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/Reason/), {
      target: { value: 'Team being staffed' },
    });
    // A day within the dialog's allowance, in the future whenever the test runs.
    const endsOn = localDayFromNow(40);
    fireEvent.change(screen.getByLabelText(/Ends on/), {
      target: { value: endsOn },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant exemption' }));
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(createOwnershipExemption).toHaveBeenCalledWith(entityRef, {
      role: 'engineering',
      reason: 'Team being staffed',
      expiresAt: startOfLocalDay(endsOn).toISOString(),
    });
  });

  it('offers no exemption on an optional role, which the backend would refuse', async () => {
    const permissionApi = mockApis.permission({
      authorize: AuthorizeResult.ALLOW,
    });
    const authorize = jest.spyOn(permissionApi, 'authorize');
    const rendered = (evaluation: RoleEvaluation) =>
      renderWithApi(
        <RoleGovernance
          entityRef={entityRef}
          evaluation={evaluation}
          onChange={jest.fn()}
        />,
        mockStewardshipApi(),
        { permissionApi },
      );
    // Required: offered once the check is answered.
    const { unmount } = await rendered(engineeringMissing);
    expect(
      await screen.findByRole('button', {
        name: 'Grant exemption for the engineering owner',
      }),
    ).toBeInTheDocument();
    unmount();
    authorize.mockClear();
    await rendered({ ...engineeringMissing, required: false });
    await waitFor(() =>
      expect(authorize.mock.calls.length).toBeGreaterThanOrEqual(2),
    );
    await act(async () => {
      await Promise.all(authorize.mock.results.map(result => result.value));
    });
    expect(
      screen.queryByRole('button', {
        name: 'Grant exemption for the engineering owner',
      }),
    ).not.toBeInTheDocument();
  });

  it('shows no exemption buttons to someone the policy denies', async () => {
    const { permissionApi, answered } = denyingPermissionApi();
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={exempt}
        onChange={jest.fn()}
      />,
      mockStewardshipApi(),
      { permissionApi },
    );
    expect(await screen.findByText(/^Exempt until/)).toBeInTheDocument();
    // Both checks (exempt, attest) answered: no button means denied, not pending.
    await answered(2);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText(EXEMPTIONS_DENIED)).toBeInTheDocument();
  });

  it('tells someone the policy denies why a role with a problem offers no exemption', async () => {
    const { permissionApi, answered } = denyingPermissionApi();
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={engineeringMissing}
        onChange={jest.fn()}
      />,
      mockStewardshipApi(),
      { permissionApi },
    );
    await answered(2);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByText(EXEMPTIONS_DENIED)).toBeInTheDocument();
  });

  it('says nothing of exemptions to someone denied where none would be offered', async () => {
    const { permissionApi, answered } = denyingPermissionApi();
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={{ ...engineeringMissing, required: false }}
        onChange={jest.fn()}
      />,
      mockStewardshipApi(),
      { permissionApi },
    );
    await answered(2);
    expect(screen.queryByText(EXEMPTIONS_DENIED)).not.toBeInTheDocument();
  });

  it('lets the holder confirm they are still the owner', async () => {
    const attestOwnershipRole = jest.fn(async () => ({} as any));
    const onChange = jest.fn();
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={{ ...businessOk, attestation: { state: 'none' } }}
        onChange={onChange}
      />,
      mockStewardshipApi({ attestOwnershipRole }),
      { permissionApi: deny, identityApi: asJane },
    );
    expect(screen.getByText(/^Not confirmed: /)).toBeInTheDocument();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Confirm I am still the owner: business owner',
      }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(attestOwnershipRole).toHaveBeenCalledWith(entityRef, 'business');
  });

  it('never says "Not confirmed" as the outcome of a confirmation the re-read does not show', async () => {
    const notConfirmed: RoleEvaluation = {
      ...businessOk,
      attestation: { state: 'none' },
    };
    await renderWithApi(
      // A new answer, as a re-read gives (the same object would be no change).
      <Reread evaluations={[notConfirmed, { ...notConfirmed }]} />,
      mockStewardshipApi({ attestOwnershipRole: async () => ({} as any) }),
      { permissionApi: deny, identityApi: asJane },
    );
    const status = screen.getByRole('status');
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Confirm I am still the owner: business owner',
      }),
    );
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'The business owner was confirmed, but has changed since: see its status.',
      ),
    );
  });

  it('says a confirmation once the role is read again, leaving focus on the button pressed', async () => {
    const notConfirmed: RoleEvaluation = {
      ...businessOk,
      attestation: { state: 'none' },
    };
    const confirmedByJane: RoleEvaluation = {
      ...businessOk,
      attestation: {
        state: 'current',
        by: 'user:default/jane',
        at: '2026-12-05T12:00:00.000Z',
        expiresAt: '2027-03-05T12:00:00.000Z',
      },
    };
    await renderWithApi(
      <Reread evaluations={[notConfirmed, confirmedByJane]} />,
      mockStewardshipApi({ attestOwnershipRole: async () => ({} as any) }),
      { permissionApi: deny, identityApi: asJane },
    );
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent(/^$/);
    const confirm = await screen.findByRole('button', {
      name: 'Confirm I am still the owner: business owner',
    });
    act(() => confirm.focus());
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(status).toHaveTextContent(
        'The business owner: Confirmed by jane on 5 Dec 2026, valid until 5 Mar 2027.',
      ),
    );
    expect(
      screen.getByText(
        'Confirmed by jane on 5 Dec 2026, valid until 5 Mar 2027',
      ),
    ).toBeVisible();
    // The button is still there: focus stays on it.
    expect(confirm).toHaveFocus();
  });

  it("moves focus to the role card's heading, not the page, when the confirm button is gone after the re-read", async () => {
    // Read again, the role has lost its owner: nothing to confirm, and no exemption to grant
    // for someone the policy denies.
    await renderWithApi(
      <Reread
        evaluations={[
          { ...businessOk, attestation: { state: 'none' } },
          {
            ...businessOk,
            status: 'missing',
            owner: undefined,
            value: undefined,
            attestation: { state: 'none' },
          },
        ]}
      />,
      mockStewardshipApi({ attestOwnershipRole: async () => ({} as any) }),
      { permissionApi: deny, identityApi: asJane },
    );
    const confirm = await screen.findByRole('button', {
      name: 'Confirm I am still the owner: business owner',
    });
    act(() => confirm.focus());
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(
        screen.getByRole('heading', { name: 'Business owner' }),
      ).toHaveFocus(),
    );
    // No empty named group is left on the page for screen readers to list.
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(
      'The business owner was confirmed, but has changed since: see its status.',
    );
  });

  it('shows no confirm button to someone who neither holds the role nor may attest', async () => {
    const { permissionApi, answered } = denyingPermissionApi();
    const identity = jest.spyOn(asGuest, 'getBackstageIdentity');
    await renderWithApi(
      <RoleGovernance
        entityRef={entityRef}
        evaluation={{ ...businessOk, attestation: { state: 'none' } }}
        onChange={jest.fn()}
      />,
      mockStewardshipApi(),
      { permissionApi, identityApi: asGuest },
    );
    expect(await screen.findByText(/^Not confirmed: /)).toBeInTheDocument();
    // Who the viewer is and what they may do, both answered: no button means not theirs.
    await answered(2);
    await waitFor(() => expect(identity).toHaveBeenCalled());
    await act(async () => {
      await identity.mock.results[0].value;
    });
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
