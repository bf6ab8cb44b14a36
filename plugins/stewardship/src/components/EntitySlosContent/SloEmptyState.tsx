import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloTabActions, SloTabHandlers } from './SloTabActions';

const useStyles = makeStyles(theme => ({
  steps: {
    maxWidth: theme.spacing(110),
    '& > *': {
      marginBottom: theme.spacing(1.5),
    },
  },
}));

/** Where the backend documents SLOs; shown as text because the docs' address depends on the host. */
export const SLO_DOCS = 'plugins/stewardship-backend/README.md, section “SLOs”';

/** A `POST /slos` body for the entity, ready to send. */
export function createSloCommand(entityRef: string): string {
  const body = {
    entityRef,
    name: 'availability',
    description: '99.9 % of requests succeed',
    sli: {
      type: 'ratio',
      good: 'http_requests_total{job="<job>",code!~"5.."}',
      total: 'http_requests_total{job="<job>"}',
    },
    objective: 0.999,
    timeWindow: { type: 'rolling', duration: '30d' },
    budgetingMethod: 'occurrences',
    metricSource: 'prometheus',
    alertPolicies: [{ preset: 'sre-workbook' }],
    labels: {},
  };
  return [
    'curl -X POST -H "Authorization: Bearer $TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  --data '${JSON.stringify(body, null, 2)}' \\`,
    '  http://localhost:7007/api/stewardship/slos',
  ].join('\n');
}

/** The OpenSLO or Sloth import, previewed with `dryRun=true` first. */
export function importSloCommand(entityRef: string): string {
  return [
    'curl -X POST -H "Authorization: Bearer $TOKEN" \\',
    '  -H "Content-Type: application/yaml" \\',
    '  --data-binary @openslo.yaml \\',
    `  'http://localhost:7007/api/stewardship/slos/import?entityRef=${encodeURIComponent(
      entityRef,
    )}&metricSource=prometheus&dryRun=true'`,
  ].join('\n');
}

/**
 * The tab with no SLO: how to add one, here in a form or by importing OpenSLO / Sloth YAML (when
 * `handlers` are given), or through the API by JSON or YAML.
 */
export function SloEmptyState(props: {
  entityRef: string;
  handlers?: SloTabHandlers;
}) {
  const classes = useStyles();
  const { entityRef, handlers } = props;
  return (
    <EmptyState
      missing="data"
      title="No SLOs for this entity yet"
      description={
        handlers
          ? `Define a service level objective for ${entityRef} here, in a form or from OpenSLO / Sloth YAML, or through the Stewardship API; it is evaluated within minutes and shows here.`
          : `Define a service level objective for ${entityRef} through the Stewardship API; it is evaluated within minutes and shows here.`
      }
      action={
        <div className={classes.steps}>
          {handlers && <SloTabActions entityRef={entityRef} {...handlers} />}
          <Typography variant="body1">
            {handlers ? 'Or create' : 'Create'} one from JSON with{' '}
            <code>POST /api/stewardship/slos</code>:
          </Typography>
          <CodeSnippet
            language="bash"
            text={createSloCommand(entityRef)}
            showCopyCodeButton
          />
          <Typography variant="body1">
            Or import an OpenSLO v1 or Sloth file (drop <code>dryRun=true</code>{' '}
            once the preview is right):
          </Typography>
          <CodeSnippet
            language="bash"
            text={importSloCommand(entityRef)}
            showCopyCodeButton
          />
          <Typography variant="body2" color="textSecondary">
            Every field, metric sources and alert policies are described in{' '}
            {SLO_DOCS}.
          </Typography>
        </div>
      }
    />
  );
}
