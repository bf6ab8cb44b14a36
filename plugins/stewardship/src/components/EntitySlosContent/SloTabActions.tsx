import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import PublishIcon from '@material-ui/icons/Publish';
import { stewardshipSloCreatePermission } from '@stewardship/backstage-plugin-stewardship-common';
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
        // As usePermission says of a failed check: not allowed.
        allowed={decision === 'allowed'}
      />
    );
  }
  return <AskingSloTabActions {...rest} />;
}

function AskingSloTabActions(props: SloTabActionsProps) {
  // The backend checks again; this only spares the viewer buttons that would end in a 403.
  const { allowed, loading } = usePermission({
    permission: stewardshipSloCreatePermission,
    resourceRef: props.entityRef,
  });
  return <SloTabActionsView {...props} allowed={allowed} loading={loading} />;
}

function SloTabActionsView(
  props: SloTabActionsProps & { allowed: boolean; loading: boolean },
) {
  const {
    entityRef,
    target,
    quietWhenDenied,
    onCreate,
    onImport,
    allowed,
    loading,
  } = props;
  const classes = useStyles();
  const suffix = target ? ` for ${target}` : '';
  if (loading) return null;
  if (!allowed) {
    if (quietWhenDenied) return null;
    // Not textSecondary: on the page's own background (a system's component sections) it is
    // 4.47:1 in the light theme, below WCAG's 4.5:1.
    return (
      <Typography variant="body2">
        You may not add SLOs to {target ?? 'this entity'}.
      </Typography>
    );
  }
  return (
    <div className={classes.actions}>
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
