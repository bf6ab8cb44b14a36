import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  SloDefinition,
  SloSpec,
  SloTimeWindow,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useRef, useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { describeRequestFailure } from '../responseErrors';
import { toPercentText } from './percentText';
import { focusFirstControl } from '../focusFirstControl';
import { useFocusRing, useFocusRingSelectProps } from '../focusRing';
import { evaluateAllSoon } from './evaluateSoon';
import { nameTaken, namesTakenProblems } from './serverErrors';
import { BusyButton } from '../BusyButton';
import { useSaid } from '../useSaid';
import { describeSource } from './describeHealth';
import { selectFieldProps } from './selectFieldProps';
import { useMetricSources } from './useMetricSources';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  yaml: { fontFamily: 'monospace' },
  // The buttons wrap below the status line when both do not fit (a phone's width), rather than
  // squeeze it into a column a word wide.
  actions: { flexWrap: 'wrap', rowGap: theme.spacing(1) },
  // Left of the buttons, as DialogActions lays them out at the right, and at least 12em wide.
  status: { flex: '1 1 12em', paddingLeft: theme.spacing(1) },
}));

/** Props of {@link SloImportDialog}. */
export interface SloImportDialogProps {
  /** Whether the dialog is open. */
  open: boolean;
  /** Owner of the SLOs whose documents name no service, e.g. the entity the tab shows. */
  entityRef?: string;
  /** Closes the dialog. */
  onClose(): void;
  /** Called with the stored SLOs after an import, once they were evaluated or the wait ended. */
  onImported(slos: SloDefinition[]): void;
  /** Called when the dialog has closed and is gone from the page (its exit transition ended). */
  onExited?(): void;
}

function describeWindow(window: SloTimeWindow): string {
  return window.type === 'rolling'
    ? `rolling ${window.duration}`
    : `calendar ${window.unit} (${window.timeZone})`;
}

/** The problem lines of a rejected import: `document 1: objective: …` each. */
function problemLines(message: string): string[] {
  const lines = message.split('\n').map(line => line.trim());
  return lines.length > 1 && /^Invalid SLO/.test(lines[0])
    ? lines.slice(1).filter(Boolean)
    : [message];
}

/**
 * What a preview found, for the status line: the list appears below the YAML without a sound
 * while focus stays on Preview. (Problems are said by their alert.)
 */
function describePreview(specs: SloSpec[]): string {
  if (specs.length === 0) return 'Preview ready: no SLO would be created.';
  const count = specs.length === 1 ? '1 SLO' : `${specs.length} SLOs`;
  return `Preview ready: ${count} would be created, listed under the YAML. Import stores ${
    specs.length === 1 ? 'it' : 'them'
  }.`;
}

const SOURCE_FIELD_ID = 'slo-import-metric-source';
/** How the backend's 400 for a `metricSource` it does not have begins. */
const SOURCE_REFUSED = 'Invalid query parameter "metricSource"';

/**
 * The metric source of the SLOs whose YAML names none (every Sloth SLO), offered when there is a
 * choice: with Prometheus and Datadog configured, a Sloth file would otherwise go to whichever
 * source the config lists first. Inside the dialog's content, so the sources are read only once
 * the dialog opens; while they load, or when they cannot be read, there is no field and the
 * backend's default applies (the preview says which source each SLO got).
 */
function ImportSourceField(props: {
  value: string;
  disabled: boolean;
  onChange(value: string): void;
  className: string;
}) {
  const { value, disabled, onChange, className } = props;
  const { value: sources } = useMetricSources();
  const selectProps = useFocusRingSelectProps();
  if (!sources || sources.length < 2) return null;
  return (
    <TextField
      select
      id={SOURCE_FIELD_ID}
      className={className}
      label="Metric source for SLOs that name none"
      fullWidth
      disabled={disabled}
      variant="outlined"
      value={value}
      helperText="Sloth SLOs, and OpenSLO SLOs whose metrics have no metricSourceRef, read this source. A metricSourceRef in the YAML is always kept."
      InputLabelProps={{ shrink: true }}
      SelectProps={{
        ...selectFieldProps(selectProps, SOURCE_FIELD_ID, {
          error: false,
          helperText: true,
        }),
        // The default is a choice of its own, said in words rather than left blank.
        displayEmpty: true,
      }}
      onChange={e => onChange(e.target.value)}
    >
      <MenuItem value="">The first configured source (the default)</MenuItem>
      {sources.map(source => (
        <MenuItem key={source.name} value={source.name}>
          {describeSource(source)}
        </MenuItem>
      ))}
    </TextField>
  );
}

const OUTDATED_PREVIEW =
  'The input changed while the preview ran: preview again to see what Import would store.';

function describeEvaluating(count: number): string {
  return `Evaluating ${count} imported ${count === 1 ? 'SLO' : 'SLOs'}…`;
}

/**
 * Paste OpenSLO v1 or Sloth `prometheus/v1` YAML, preview what it would create (a dry run that
 * stores nothing, or the problems by document and path), then import it. Editing the YAML after
 * a preview asks for a new preview before importing. With more than one metric source configured it
 * asks which one the SLOs that name none read (`ImportSourceField`). The imported SLOs are evaluated
 * before the dialog reports them, as the editor does after a save, so the tab shows their figures
 * at once.
 */
export function SloImportDialog(props: SloImportDialogProps) {
  const { open, entityRef, onClose, onImported } = props;
  const focusRing = useFocusRing();
  const api = useApi(stewardshipApiRef);
  const classes = useStyles();
  const [yaml, setYaml] = useState('');
  /** The source chosen for SLOs that name none; empty for the backend's default. */
  const [metricSource, setMetricSource] = useState('');
  const [preview, setPreview] = useState<SloSpec[]>();
  /** A 400 about the YAML (its problems), or another failure (what failed, in a sentence). */
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<{
    heading: string;
    message: string;
  }>();
  /** What runs: a preview or an import; the buttons are busy meanwhile. */
  const [running, setRunning] = useState<'preview' | 'import'>();
  const busy = running !== undefined;
  /**
   * Counts changes to what a preview depends on (the YAML, the source): an answer to a preview
   * of input changed since is dropped, or Import would be enabled under the old input's list.
   */
  const inputVersion = useRef(0);
  /** How many imported SLOs are being evaluated, while they are. */
  const [evaluating, setEvaluating] = useState<number>();
  /** What the last preview found, while it is shown. */
  const { said: previewSaid, say, clear } = useSaid();

  // Left out when not given, so a custom StewardshipApi sees only what was chosen.
  const options = {
    ...(entityRef ? { entityRef } : {}),
    ...(metricSource ? { metricSource } : {}),
  };
  /** Anything the preview depended on changed: it no longer says what Import would store. */
  const dropPreview = () => {
    inputVersion.current += 1;
    setPreview(undefined);
    clear();
  };

  const run = async (dryRun: boolean) => {
    setRunning(dryRun ? 'preview' : 'import');
    setProblems([]);
    setFailure(undefined);
    clear();
    const previewed = inputVersion.current;
    /** The input changed while its preview ran: what came back is about text no longer there. */
    const outdated = () => dryRun && inputVersion.current !== previewed;
    try {
      if (dryRun) {
        const specs = await api.importSlos(yaml, {
          dryRun: true,
          ...options,
        });
        if (outdated()) {
          say(OUTDATED_PREVIEW);
          return;
        }
        setPreview(specs);
        say(describePreview(specs));
      } else {
        const stored = await api.importSlos(yaml, {
          dryRun: false,
          ...options,
        });
        // Never rejects: an SLO not evaluated in time is stored all the same, and the schedule
        // evaluates it.
        setEvaluating(stored.length);
        // Only stored SLOs: a custom StewardshipApi may answer with the specs (no id) instead.
        await evaluateAllSoon(
          api,
          stored
            .filter(
              slo => typeof (slo as Partial<SloDefinition>)?.id === 'string',
            )
            .map(slo => slo.id),
        );
        setYaml('');
        setPreview(undefined);
        onImported(stored);
      }
    } catch (e) {
      setPreview(undefined);
      if (outdated()) {
        // Its problems (or refusal) may not hold for the input as it is now.
        say(OUTDATED_PREVIEW);
        return;
      }
      const described = describeRequestFailure(e);
      const conflict = described.kind === 'answer' && described.status === 409;
      // Names checked before the import (a line per SLO), or the one a write found taken since.
      const takenNames = conflict
        ? namesTakenProblems(described.message)
        : undefined;
      const taken = conflict ? nameTaken(described.message) : undefined;
      if (
        described.kind === 'answer' &&
        described.status === 400 &&
        described.message.startsWith(SOURCE_REFUSED)
      ) {
        // The source chosen, not the YAML: configured no longer (the list was read before).
        setFailure({
          heading:
            'The metric source chosen was refused; this is not a problem with the YAML:',
          message: described.message,
        });
      } else if (described.kind === 'answer' && described.status === 400) {
        setProblems(problemLines(described.message));
      } else if (takenNames) {
        setProblems(takenNames);
      } else if (taken) {
        // A name an SLO already stored has: the YAML's to change, said as the file's own
        // duplicates are, without the stored SLO's id.
        setProblems([
          `${taken.entityRef} already has an SLO named "${taken.name}". Choose another name.`,
        ]);
      } else if (described.kind === 'answer') {
        // The backend's own word about something other than the YAML's form (not allowed, …).
        setFailure({
          heading: dryRun
            ? 'The preview was refused:'
            : 'The import was refused:',
          message: described.message,
        });
      } else {
        // The network, a 5xx, or an answer that is not the backend's: the YAML was not judged.
        setFailure({
          heading: 'The request failed; this is not a problem with the YAML:',
          message: described.message,
        });
      }
    } finally {
      setRunning(undefined);
      setEvaluating(undefined);
    }
  };

  return (
    <Dialog
      open={open}
      // Outside the tab's markup (a portal): its own focus ring.
      PaperProps={{ className: focusRing }}
      TransitionProps={{
        ...focusFirstControl.TransitionProps,
        onExited: props.onExited,
      }}
      // Not while a preview or an import runs: an import closed midway would still land, unseen.
      onClose={busy ? undefined : onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="slo-import-title"
    >
      <DialogTitle id="slo-import-title">Import SLOs from YAML</DialogTitle>
      <DialogContent>
        <TextField
          id="slo-import-yaml"
          label="OpenSLO or Sloth YAML"
          multiline
          minRows={10}
          fullWidth
          variant="outlined"
          value={yaml}
          helperText="One or more documents separated by ---. Preview shows what would be created and enables Import; nothing is stored until you import."
          // Marked invalid while the last preview's problems show, and described by them.
          error={problems.length > 0}
          // Not changed while an import sends it: what is stored is what was previewed.
          InputProps={{
            classes: { input: classes.yaml },
            readOnly: running === 'import',
          }}
          inputProps={
            problems.length > 0
              ? {
                  'aria-describedby':
                    'slo-import-yaml-helper-text slo-import-problems',
                }
              : undefined
          }
          onChange={e => {
            setYaml(e.target.value);
            dropPreview();
          }}
        />
        <ImportSourceField
          value={metricSource}
          disabled={running === 'import'}
          className={classes.section}
          onChange={value => {
            setMetricSource(value);
            dropPreview();
          }}
        />
        {problems.length > 0 && (
          <Alert severity="error" className={classes.section}>
            <Typography variant="subtitle2" component="p">
              The YAML cannot be imported:
            </Typography>
            {/* Long document paths may break anywhere rather than widen a narrow dialog. */}
            <ul
              id="slo-import-problems"
              aria-label="Import problems"
              style={{ overflowWrap: 'anywhere' }}
            >
              {problems.map(problem => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </Alert>
        )}
        {failure && (
          <Alert severity="error" className={classes.section}>
            <Typography variant="subtitle2" component="p">
              {failure.heading}
            </Typography>
            <Typography variant="body2">{failure.message}</Typography>
          </Alert>
        )}
        {preview && (
          <div className={classes.section}>
            <Typography variant="subtitle2" component="h3">
              {preview.length === 1
                ? 'This SLO would be created:'
                : `These ${preview.length} SLOs would be created:`}
            </Typography>
            <List dense aria-label="SLOs to import">
              {preview.map(spec => (
                <ListItem key={`${spec.entityRef}/${spec.name}`}>
                  <ListItemText
                    primary={`${spec.name} on ${spec.entityRef}`}
                    secondary={`Objective ${toPercentText(
                      spec.objective,
                    )} %, ${describeWindow(spec.timeWindow)}, source ${
                      spec.metricSource
                    }`}
                  />
                </ListItem>
              ))}
            </List>
          </div>
        )}
      </DialogContent>
      <DialogActions className={classes.actions}>
        {/* Always present, so that a screen reader announces the text when it appears. */}
        <Typography
          role="status"
          variant="body2"
          color="textSecondary"
          className={classes.status}
        >
          {evaluating !== undefined
            ? describeEvaluating(evaluating)
            : // A new node each time, so that a second preview that finds the same is said again.
              previewSaid.text && (
                <span key={previewSaid.n}>{previewSaid.text}</span>
              )}
        </Typography>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        {/* Busy, not disabled, while a preview or an import runs (an import then waits up to
            10 s for the evaluations): a disabled button would lose focus to the dialog, and a
            keyboard user who pressed it their place. */}
        <BusyButton
          onClick={() => run(true)}
          busy={busy}
          disabled={!busy && !yaml.trim()}
        >
          Preview
        </BusyButton>
        <BusyButton
          color="primary"
          variant="contained"
          onClick={() => run(false)}
          busy={busy}
          disabled={!busy && (!preview || preview.length === 0)}
        >
          Import
        </BusyButton>
      </DialogActions>
    </Dialog>
  );
}
