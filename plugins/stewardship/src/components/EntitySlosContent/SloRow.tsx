import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ExpandLessIcon from '@material-ui/icons/ExpandLess';
import { usePermission } from '@backstage/plugin-permission-react';
import EditIcon from '@material-ui/icons/Edit';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  SloDefinition,
  SloEvaluationSummary,
  formatBurnRates,
  stewardshipSloUpdatePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { EntitySlo } from '../../api';
import { SloDetails } from '../SloDetails';
import { scheduleText } from '../SloDetails/describeCounting';
import { sloName } from '../SloDetails/sloName';
import { ExportOpenSloButton } from '../SloEditor/ExportOpenSloButton';
import {
  budgetEventsText,
  budgetLeftText,
  displayStatus,
  exhaustionText,
  noDataDetail,
  noDataText,
  sliText,
  staleText,
  windowText,
} from './describeSlo';
import { NoDataHelp } from './NoDataHelp';
import { SloStatusLabel } from './SloStatusLabel';

const useStyles = makeStyles(theme => ({
  row: {
    padding: theme.spacing(2),
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(2),
  },
  // A long name without a space breaks where it must instead of pushing the card wider than the
  // page, as an incident's title does.
  title: {
    overflowWrap: 'anywhere',
  },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1.5, 0, 0),
    '& dt': {
      color: theme.palette.text.secondary,
    },
    '& dd': {
      margin: 0,
    },
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
  alerts: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
}));

function statusReason(evaluation: SloEvaluationSummary): string | undefined {
  if (evaluation.status === 'no-data') {
    const text = noDataText(evaluation.noDataReason, evaluation.reason);
    return noDataDetail(evaluation.noDataReason, evaluation.reason)
      ? text
      : `${text}.`;
  }
  return evaluation.reason;
}

/**
 * A firing policy's long- and short-window burn rates and its threshold, each rate written with
 * the threshold (`formatBurnRates`, as the notification writes the pair) so that a rate above
 * the threshold never reads as equal to it (14.41 beside 14.4, not 14.4 twice); `unknown` for a
 * rate the evaluation has not.
 */
function ratesBesideThreshold(
  alert: SloEvaluationSummary['alerts'][number],
): [string, string, string] {
  const { burnRate } = alert.policy;
  const beside = (rate: number | undefined) =>
    rate === undefined ? 'unknown' : `${formatBurnRates([rate, burnRate])[0]}×`;
  // The threshold alone: three significant digits unless a rate needs it written longer.
  const threshold = formatBurnRates([
    burnRate,
    ...[alert.longBurnRate, alert.shortBurnRate].filter(
      (rate): rate is number => rate !== undefined,
    ),
  ])[0];
  return [
    beside(alert.longBurnRate),
    beside(alert.shortBurnRate),
    `${threshold}×`,
  ];
}

function Alerts(props: { evaluation: SloEvaluationSummary }) {
  const classes = useStyles();
  const { alerts } = props.evaluation;
  const firing = alerts.filter(a => a.firing);
  if (alerts.length === 0) {
    return <>no alert policy</>;
  }
  if (firing.length === 0) {
    return (
      <>
        none fires ({alerts.length}{' '}
        {alerts.length === 1 ? 'policy' : 'policies'} quiet)
      </>
    );
  }
  return (
    <ul className={classes.alerts} aria-label="Firing alert policies">
      {firing.map(alert => {
        const [long, short, threshold] = ratesBesideThreshold(alert);
        return (
          <li key={alert.policy.name}>
            {alert.policy.name} ({alert.policy.severity}) fires: burn rate over{' '}
            {alert.policy.longWindow} {long} and over {alert.policy.shortWindow}{' '}
            {short}, threshold {threshold}
          </li>
        );
      })}
    </ul>
  );
}

/** Edit, for viewers the permission policy lets change the SLO's entity. */
function EditSloButton(props: {
  slo: SloDefinition;
  /** The SLO's name as the row's controls say it (with its component's, on a system's tab). */
  name: string;
  onEdit(slo: SloDefinition): void;
}) {
  const { slo, name, onEdit } = props;
  const { allowed } = usePermission({
    permission: stewardshipSloUpdatePermission,
    resourceRef: slo.entityRef,
  });
  if (!allowed) return null;
  return (
    <Button
      size="small"
      startIcon={<EditIcon />}
      aria-label={`Edit ${name}`}
      onClick={() => onEdit(slo)}
    >
      Edit
    </Button>
  );
}

/**
 * One SLO of the tab: status and reason in words, the SLI against the objective, the error budget
 * as a percentage and in events, the time to exhaustion, the firing alert policies, a button
 * that opens the SLO's details, and (when `onEdit` is given) Edit and Export OpenSLO.
 */
export function SloRow(props: {
  item: EntitySlo;
  asOf: string;
  at?: Date;
  onEdit?(slo: SloDefinition): void;
  /**
   * The title of the component the row is listed under, on a system's tab: there each component
   * may have an SLO of the same name, so the row (a region) and its buttons name it too,
   * "Edit availability of Fraud Detection", while their visible texts stay short.
   */
  of?: string;
  /** The level of the SLO's name: one below the heading the row is listed under. Default 3. */
  headingLevel?: 3 | 4;
}) {
  const { item, asOf, at, onEdit, of, headingLevel = 3 } = props;
  const { slo, evaluation } = item;
  const name = sloName(slo, of);
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const titleId = `slo-${slo.id}-title`;
  const detailsId = `slo-${slo.id}-details`;
  const budget = evaluation?.errorBudget;
  const sli = evaluation && sliText(evaluation);
  const countedTime = countedTimeText(slo, evaluation);

  return (
    <Paper
      variant="outlined"
      component="section"
      className={classes.row}
      // The heading alone, where it names the SLO; with its component's title where it does not.
      aria-labelledby={of === undefined ? titleId : undefined}
      aria-label={of === undefined ? undefined : name}
    >
      <div className={classes.header}>
        <Typography
          variant="h6"
          component={`h${headingLevel}`}
          id={titleId}
          className={classes.title}
        >
          {slo.name}
        </Typography>
        <SloStatusLabel status={displayStatus(item)} />
        {item.stale && evaluation && <SloStatusLabel status="stale" />}
      </div>
      {slo.description && (
        <Typography variant="body2" color="textSecondary">
          {slo.description}
        </Typography>
      )}
      {evaluation && (
        <Typography variant="body2">{statusReason(evaluation)}</Typography>
      )}
      {item.stale && (
        <Typography variant="body2">
          {staleText(item, asOf, { live: at === undefined })}
        </Typography>
      )}
      {evaluation && <NoDataHelp slo={slo} evaluation={evaluation} />}

      {evaluation && (
        <dl className={classes.figures}>
          {sli && (
            <>
              <dt>SLI</dt>
              <dd>{sli}</dd>
            </>
          )}
          {budget && (
            <>
              <dt>Error budget</dt>
              <dd>
                {budgetLeftText(budget)} · {budgetEventsText(slo, budget)}
              </dd>
              <dt>Time to exhaustion</dt>
              <dd>{exhaustionText({ ...evaluation, errorBudget: budget })}</dd>
            </>
          )}
          {evaluation.status !== 'no-data' && (
            <>
              <dt>Alert policies</dt>
              <dd>
                <Alerts evaluation={evaluation} />
              </dd>
            </>
          )}
          <dt>Window</dt>
          <dd>{windowText(slo, evaluation)}</dd>
          {countedTime && (
            <>
              <dt>Counted time</dt>
              <dd>{countedTime}</dd>
            </>
          )}
        </dl>
      )}

      <div className={classes.actions}>
        <Button
          size="small"
          aria-label={`${open ? 'Hide' : 'Show'} details of ${name}`}
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(o => !o)}
          startIcon={open ? <ExpandLessIcon /> : <ExpandMoreIcon />}
        >
          {open ? 'Hide details' : 'Show details'}
        </Button>
        {onEdit && <EditSloButton slo={slo} name={name} onEdit={onEdit} />}
        <ExportOpenSloButton
          slo={slo}
          aria-label={`Export OpenSLO of ${name}`}
        />
      </div>
      <div id={detailsId}>
        {open && (
          <Box mt={1}>
            {/* Its cards' titles one level below the SLO's name; its tables name the component. */}
            <SloDetails
              slo={slo}
              evaluation={evaluation}
              at={at}
              headingLevel={headingLevel === 4 ? 5 : 4}
              entityTitle={of}
            />
          </Box>
        )}
      </div>
    </Paper>
  );
}

/**
 * `business hours only (Mon–Fri 09:00–17:00 Europe/Berlin); 2 corrections excluded`: the counted
 * time of the evaluation shown (empty when it is the whole window). Before any evaluation, the
 * schedule alone: no figures have left a correction out yet.
 */
export function countedTimeText(
  slo: SloDefinition,
  evaluation?: Pick<SloEvaluationSummary, 'excludedCorrections'>,
): string {
  const parts: string[] = [];
  if (slo.schedule) {
    parts.push(`business hours only (${scheduleText(slo.schedule)})`);
  }
  // Recorded with the figures (the server counts it for evaluations stored before they did).
  const count = evaluation?.excludedCorrections ?? 0;
  if (count > 0) {
    parts.push(`${count} correction${count === 1 ? '' : 's'} excluded`);
  }
  return parts.join('; ');
}
