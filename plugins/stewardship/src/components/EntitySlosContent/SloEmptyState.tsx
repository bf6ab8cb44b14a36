import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stewardshipSloCreatePermission } from '@stewardship/backstage-plugin-stewardship-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { metricSourceSnippet } from './NoDataHelp';
import { SloTabActions, SloTabHandlers } from './SloTabActions';
import {
  METRIC_SOURCE_PLACEHOLDER,
  SloCommandTarget,
  useSloCommandTarget,
} from './useSloCommandTarget';
import { PlainCodeSnippet } from '../PlainCodeSnippet';
import { HeadedEmptyState } from '../HeadedEmptyState';

const useStyles = makeStyles(theme => ({
  steps: {
    maxWidth: theme.spacing(110),
    '& > *': {
      marginBottom: theme.spacing(1.5),
    },
  },
}));

/**
 * Where the backend documents SLOs: its package's README, which every install has (in
 * `node_modules`, and on the registry's page of the package). Shown as text, not a link, because
 * where an organisation reads its packages' docs differs from one to the next.
 */
export const SLO_DOCS =
  'the README of @stewardship/backstage-plugin-stewardship-backend, section “SLOs”';

/** A `POST /slos` body for the entity, ready to send to `target`. */
export function createSloCommand(
  entityRef: string,
  target: SloCommandTarget,
): string {
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
    metricSource: target.metricSource,
    alertPolicies: [{ preset: 'sre-workbook' }],
    labels: {},
  };
  return [
    'curl -X POST -H "Authorization: Bearer $TOKEN" \\',
    '  -H "Content-Type: application/json" \\',
    `  --data '${JSON.stringify(body, null, 2)}' \\`,
    `  ${target.baseUrl}/slos`,
  ].join('\n');
}

/** The OpenSLO or Sloth import into `target`, previewed with `dryRun=true` first. */
export function importSloCommand(
  entityRef: string,
  target: SloCommandTarget,
): string {
  const query = new URLSearchParams({
    entityRef,
    metricSource: target.metricSource,
    dryRun: 'true',
  });
  return [
    'curl -X POST -H "Authorization: Bearer $TOKEN" \\',
    '  -H "Content-Type: application/yaml" \\',
    '  --data-binary @openslo.yaml \\',
    `  '${target.baseUrl}/slos/import?${query}'`,
  ].join('\n');
}

/**
 * Which metric sources the commands may name: the configured ones, or how to configure the
 * first when there is none. Nothing when they could not be read (the command has a placeholder).
 */
function MetricSourcesHint(props: { sources?: string[] }) {
  const { sources } = props;
  if (!sources) return null;
  if (sources.length === 0) {
    return (
      <>
        <Typography variant="body2">
          No metric source is configured yet, so an SLO has nothing to be
          evaluated against: add one to app-config.yaml and restart the backend,
          then name it in <code>metricSource</code>.
        </Typography>
        <PlainCodeSnippet text={metricSourceSnippet('prometheus')} />
      </>
    );
  }
  if (sources.length === 1) return null;
  return (
    <Typography variant="body2">
      <code>metricSource</code> may name any configured source:{' '}
      {sources.join(', ')}.
    </Typography>
  );
}

/**
 * The API commands that create an SLO for `entityRef`, addressed to this app's backend and one
 * of its metric sources, and (with `withImport`) the OpenSLO / Sloth import.
 */
export function SloApiCommands(props: {
  entityRef: string;
  intro: string;
  withImport?: boolean;
}) {
  const { entityRef, intro, withImport } = props;
  const { value: target, loading } = useSloCommandTarget();
  if (loading) return <Progress aria-label="Loading the API commands" />;
  // The discovery API only fails when the app is misconfigured; the commands then show the path.
  const resolved = target ?? {
    baseUrl: '/api/stewardship',
    metricSource: METRIC_SOURCE_PLACEHOLDER,
  };
  return (
    <>
      <Typography variant="body1">
        {intro} <code>POST /api/stewardship/slos</code>:
      </Typography>
      <PlainCodeSnippet
        text={createSloCommand(entityRef, resolved)}
        copyLabel="Copy the command that creates an SLO"
      />
      <MetricSourcesHint sources={resolved.metricSources} />
      {withImport && (
        <>
          <Typography variant="body1">
            Or import an OpenSLO v1 or Sloth file (drop <code>dryRun=true</code>{' '}
            once the preview is right):
          </Typography>
          <PlainCodeSnippet
            text={importSloCommand(entityRef, resolved)}
            copyLabel="Copy the command that imports SLOs"
          />
        </>
      )}
    </>
  );
}

/**
 * The tab with no SLO: how to add one, here in a form or by importing OpenSLO / Sloth YAML (when
 * `handlers` are given), or through the API by JSON or YAML. A viewer the policy denies gets no
 * API command (it would answer 403) but whom to ask: the entity's owner.
 */
export function SloEmptyState(props: {
  entityRef: string;
  handlers?: SloTabHandlers;
}) {
  const classes = useStyles();
  const { entityRef, handlers } = props;
  // The same check as the tab's buttons: a viewer who may not add SLOs is not told to use a form.
  const { allowed, loading, error } = usePermission({
    permission: stewardshipSloCreatePermission,
    resourceRef: entityRef,
  });
  const { entity } = useEntity();
  const canUseForm = Boolean(handlers) && allowed;
  // Denied, not unanswered: a check that failed says so in the header, and the API decides.
  const denied = !loading && !error && !allowed;
  if (denied) {
    const owner = entity.spec?.owner;
    return (
      <HeadedEmptyState
        headingLevel={2}
        // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
        missing="info"
        title="No SLOs for this entity yet"
        description={
          <>
            Ask its owners
            {typeof owner === 'string' && owner && (
              <>
                {' '}
                (
                <EntityRefLink
                  entityRef={owner}
                  defaultKind="group"
                  defaultNamespace={entity.metadata.namespace}
                />
                )
              </>
            )}{' '}
            to define a service level objective for {entityRef}; it is evaluated
            within minutes and shows here.
          </>
        }
        action={
          <Typography variant="body2" color="textSecondary">
            What an SLO holds, its metric sources and alert policies are
            described in {SLO_DOCS}.
          </Typography>
        }
      />
    );
  }
  return (
    <HeadedEmptyState
      headingLevel={2}
      // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
      missing="info"
      title="No SLOs for this entity yet"
      description={
        canUseForm
          ? `Define a service level objective for ${entityRef} here, in a form or from OpenSLO / Sloth YAML, or through the Stewardship API; it is evaluated within minutes and shows here.`
          : `Define a service level objective for ${entityRef} through the Stewardship API; it is evaluated within minutes and shows here.`
      }
      action={
        <div className={classes.steps}>
          {handlers && canUseForm && (
            // Only the buttons: the tab's header already says when the viewer may not add SLOs,
            // and when the check failed (with its Try again).
            <SloTabActions
              entityRef={entityRef}
              quietWhenDenied
              {...handlers}
            />
          )}
          {/* Not before the policy answers: a denied viewer is not shown a command to drop. */}
          {loading ? (
            <Progress aria-label="Checking whether you may add SLOs" />
          ) : (
            <SloApiCommands
              entityRef={entityRef}
              intro={`${
                canUseForm ? 'Or create' : 'Create'
              } one from JSON with`}
              withImport
            />
          )}
          <Typography variant="body2" color="textSecondary">
            Every field, metric sources and alert policies are described in{' '}
            {SLO_DOCS}.
          </Typography>
        </div>
      }
    />
  );
}
