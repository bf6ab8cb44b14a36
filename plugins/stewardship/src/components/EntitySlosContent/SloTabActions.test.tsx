import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { SloTabActions } from './SloTabActions';
import { SloCreateDecision } from './useSloCreateDenied';

jest.setTimeout(30_000);

const ref = 'component:default/ledger';

/** The tab's part: answers it holds, and a Try again that answers with `next`. */
function Tab(props: { next: SloCreateDecision; onRecheck?: () => void }) {
  const [decisions, setDecisions] = useState<
    ReadonlyMap<string, SloCreateDecision>
  >(new Map([[ref, 'failed']]));
  return (
    <SloTabActions
      entityRef={ref}
      target={ref}
      decisions={decisions}
      onCreate={() => {}}
      onImport={() => {}}
      onRecheck={() => {
        props.onRecheck?.();
        setDecisions(new Map([[ref, props.next]]));
      }}
    />
  );
}

describe('SloTabActions', () => {
  it('says a failed check is no answer (not a denial), and Try again asks again', async () => {
    const onRecheck = jest.fn();
    await renderInTestApp(<Tab next="allowed" onRecheck={onRecheck} />);
    expect(
      screen.getByText(`Could not check whether you may add SLOs to ${ref}.`),
    ).toBeInTheDocument();
    expect(screen.queryByText(/You may not add SLOs/)).toBeNull();

    const again = screen.getByRole('button', { name: /^Try again/ });
    again.focus();
    await userEvent.click(again);
    expect(onRecheck).toHaveBeenCalledTimes(1);
    // The button pressed is gone: focus moves to what replaced it, not to the page's body.
    const create = screen.getByRole('button', {
      name: `Create SLO for ${ref}`,
    });
    expect(create).toHaveFocus();
    expect(screen.queryByText(/Could not check/)).toBeNull();
  });

  it('moves focus to the denial when Try again ends in one', async () => {
    await renderInTestApp(<Tab next="denied" />);
    const again = screen.getByRole('button', { name: /^Try again/ });
    again.focus();
    await userEvent.click(again);
    const denial = screen.getByText(`You may not add SLOs to ${ref}.`);
    expect(denial.parentElement).toHaveFocus();
    // Read as its one sentence: no group whose name would say it a second time.
    expect(denial.parentElement).toHaveTextContent(
      `You may not add SLOs to ${ref}.`,
      { normalizeWhitespace: true },
    );
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
