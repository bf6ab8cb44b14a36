import { useApi } from '@backstage/core-plugin-api';
import { stewardshipApiRef } from '../../api';
import { toLocalInputValue } from '../formatSlo';
import { GrantDialog } from '../GrantDialog';

/**
 * Asks for a justification and an expiry (a day from now to start with), and records the override.
 * An expiry that is not in the future is refused before sending; the picker offers nothing
 * earlier than the next minute. The longest override is the backend's configuration
 * (`stewardship.errorBudgetPolicy.maxOverrideDays`), which the frontend does not know: the input
 * has no max, and an expiry beyond it is refused by the server, its message under the field.
 */
export function OverrideDialog(props: {
  open: boolean;
  entityRef: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { entityRef } = props;
  const api = useApi(stewardshipApiRef);
  return (
    <GrantDialog
      open={props.open}
      onClose={props.onClose}
      onCreated={props.onCreated}
      id="release-gate-override"
      title="Override the release gate"
      description="Until it expires, the gate answers warn instead of block. The reasons stay visible, and the override is recorded with your name."
      reason={{
        name: 'justification',
        label: 'Justification',
        hint: 'Why this release may go ahead while the budget is spent',
        missing: 'Say why the release may go ahead.',
      }}
      expiry={{
        type: 'datetime-local',
        label: 'Expires',
        hint: 'Your local time; at most the configured maximum (7 days by default) from now',
        missing: 'Give the date and time the override ends.',
        past: 'Expires must be in the future',
        initial: () => toLocalInputValue(new Date(Date.now() + 86_400_000)),
        // The current minute has begun already: the next one is the first in the future.
        min: toLocalInputValue(new Date(Date.now() + 60_000)),
      }}
      discardTitle="Discard this override?"
      submitLabel="Override"
      grant={async (justification, expiresAt) => {
        await api.createReleaseGateOverride(entityRef, {
          justification,
          expiresAt: expiresAt.toISOString(),
        });
      }}
    />
  );
}
