import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import PublishIcon from '@material-ui/icons/Publish';
import { stewardshipSloCreatePermission } from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';
import { BusyButton } from '../BusyButton';
import { SloCreateDecision } from './useSloCreateDenied';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/** What the tab can do with its SLOs; each opens a dialog, and the tab reloads after a change. */
export interface SloTabHandlers {
  /** Opens the editor for a new SLO of `entityRef`. */
  onCreate(entityRef: string): void;
  /** Opens the YAML import for `entityRef`. */
  onImport(entityRef: string): void;
  /** Asks again the permission checks that failed (Try again); none offered without it. */
  onRecheck?(): void;
}

type SloTabActionsProps = SloTabHandlers & {
  entityRef: string;
  target?: string;
  /** Render nothing, rather than say so, when the viewer may not add SLOs. */
  quietWhenDenied?: boolean;
};

/**
 * "Create SLO" and "Import YAML" for one entity. `target` names the entity in the accessible
 * names when several of these buttons share a page (a system and its components). Given
 * `decisions` (the tab's shared answers, {@link useSloCreateDecisions}) it asks the permission
 * API nothing itself, and shows nothing until the answer for its entity is in.
 */
export function SloTabActions(
  props: SloTabActionsProps & {
    decisions?: ReadonlyMap<string, SloCreateDecision>;
  },
) {
  const { decisions, ...rest } = props;
  if (decisions) {
    const decision = decisions.get(rest.entityRef);
    return (
      <SloTabActionsView
        {...rest}
        loading={decision === undefined}
        allowed={decision === 'allowed'}
        failed={decision === 'failed'}
        answers={decisions}
      />
    );
  }
  return <AskingSloTabActions {...rest} />;
}

function AskingSloTabActions(props: SloTabActionsProps) {
  // The backend checks again; this only spares the viewer buttons that would end in a 403.
  const { allowed, loading, error } = usePermission({
    permission: stewardshipSloCreatePermission,
    resourceRef: props.entityRef,
  });
  // No Try again here: usePermission asks again on its own schedule.
  return (
    <SloTabActionsView
      {...props}
      onRecheck={undefined}
      allowed={allowed}
      loading={loading}
      failed={Boolean(error)}
    />
  );
}

function SloTabActionsView(
  props: SloTabActionsProps & {
    allowed: boolean;
    loading: boolean;
    /** No answer came: the check failed, which is no denial. */
    failed: boolean;
    /** The shared answers: a new map is a new answer, which ends a Try again. */
    answers?: ReadonlyMap<string, SloCreateDecision>;
  },
) {
  const {
    entityRef,
    target,
    quietWhenDenied,
    onCreate,
    onImport,
    onRecheck,
    allowed,
    loading,
    failed,
    answers,
  } = props;
  const classes = useStyles();
  const suffix = target ? ` for ${target}` : '';
  // The answers Try again was pressed with: busy until they are replaced.
  const [recheckedFrom, setRecheckedFrom] = useState<unknown>();
  const rechecking = recheckedFrom !== undefined && recheckedFrom === answers;
  // Try again goes once the check answers: focus then moves to what replaced it, not the body.
  const container = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);
  useEffect(() => {
    if (!refocus.current || failed || loading) return;
    refocus.current = false;
    (
      container.current?.querySelector<HTMLElement>('button') ??
      container.current
    )?.focus();
  }, [failed, loading, allowed]);
  if (loading) return null;
  if (failed) {
    return (
      <div className={classes.actions}>
        <Typography variant="body2">
          Could not check whether you may add SLOs to {target ?? 'this entity'}.
        </Typography>
        {onRecheck && (
          <BusyButton
            size="small"
            variant="outlined"
            busy={rechecking}
            aria-label={`Try again to check whether you may add SLOs${suffix}`}
            onClick={() => {
              refocus.current = true;
              setRecheckedFrom(answers);
              onRecheck();
            }}
          >
            Try again
          </BusyButton>
        )}
      </div>
    );
  }
  if (!allowed) {
    if (quietWhenDenied) return null;
    // Not textSecondary: on the page's own background (a system's component sections) it is
    // 4.47:1 in the light theme, below WCAG's 4.5:1. Focusable by script only: where focus goes
    // when a Try again ends in a denial. No role or name: focused, its one sentence is read (a
    // named group would say it twice).
    return (
      <div ref={container} tabIndex={-1}>
        <Typography variant="body2">
          You may not add SLOs to {target ?? 'this entity'}.
        </Typography>
      </div>
    );
  }
  return (
    <div className={classes.actions} ref={container}>
      <Button
        variant="contained"
        color="primary"
        size="small"
        startIcon={<AddIcon />}
        aria-label={`Create SLO${suffix}`}
        onClick={() => onCreate(entityRef)}
      >
        Create SLO
      </Button>
      <Button
        variant="outlined"
        size="small"
        startIcon={<PublishIcon />}
        aria-label={`Import YAML${suffix}`}
        onClick={() => onImport(entityRef)}
      >
        Import YAML
      </Button>
    </div>
  );
}
