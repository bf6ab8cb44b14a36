import { Progress } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { ComponentSlos } from './useComponentSlos';
import { SloList } from './SloList';
import { SloTabActions, SloTabHandlers } from './SloTabActions';
import { RequestErrorPanel } from '../RequestErrorPanel';

/**
 * A system's component SLOs, one section per component that has any (or failed to load), each
 * with its own Create and Import (for that component); components without an SLO are listed
 * with theirs.
 */
export function SystemComponentSlos(props: {
  components?: ComponentSlos[];
  loading: boolean;
  error?: Error;
  /** Reads these components again (Try again on one that failed). */
  onReload?: (entityRefs: string[]) => void;
  at?: Date;
  handlers?: SloTabHandlers & { onEdit(slo: SloDefinition): void };
}) {
  const { components, loading, error, onReload, at, handlers } = props;
  if (loading) {
    return <Progress aria-label="Loading the components' SLOs" />;
  }
  if (error) {
    return <RequestErrorPanel error={error} reading="the components' SLOs" />;
  }
  const shown = (components ?? []).filter(
    c => c.error || (c.value && c.value.items.length > 0),
  );
  const without = (components ?? []).filter(c => !shown.includes(c));
  return (
    <Grid container spacing={3}>
      {shown.map(component => (
        <Grid
          item
          xs={12}
          key={component.entityRef}
          component="section"
          aria-label={`SLOs of ${component.entityRef}`}
        >
          <Typography variant="h6" component="h3" gutterBottom>
            <EntityRefLink entityRef={component.entityRef} />
          </Typography>
          {handlers && !component.error && (
            <Box mb={2}>
              <SloTabActions
                entityRef={component.entityRef}
                target={component.entityRef}
                {...handlers}
              />
            </Box>
          )}
          {component.error ? (
            <RequestErrorPanel
              error={component.error}
              reading={`the SLOs of ${component.entityRef}`}
              onRetry={onReload && (() => onReload([component.entityRef]))}
            />
          ) : (
            component.value && (
              <SloList
                slos={component.value}
                at={at}
                onEdit={handlers?.onEdit}
              />
            )
          )}
        </Grid>
      ))}
      {without.length > 0 && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            {without.length === 1
              ? '1 component of this system has no SLO.'
              : `${without.length} components of this system have no SLO.`}
          </Typography>
          {handlers &&
            without.map(component => (
              <Box
                key={component.entityRef}
                mt={1}
                component="section"
                aria-label={`No SLO yet for ${component.entityRef}`}
              >
                <Typography variant="body2" gutterBottom>
                  <EntityRefLink entityRef={component.entityRef} />
                </Typography>
                <SloTabActions
                  entityRef={component.entityRef}
                  target={component.entityRef}
                  {...handlers}
                />
              </Box>
            ))}
        </Grid>
      )}
    </Grid>
  );
}
