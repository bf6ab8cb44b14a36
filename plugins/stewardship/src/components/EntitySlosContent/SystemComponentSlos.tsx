import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { ComponentSlos } from './useComponentSlos';
import { SloList } from './SloList';

/** A system's component SLOs, one section per component that has any (or failed to load). */
export function SystemComponentSlos(props: {
  components?: ComponentSlos[];
  loading: boolean;
  error?: Error;
  at?: Date;
}) {
  const { components, loading, error, at } = props;
  if (loading) {
    return <Progress />;
  }
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  const shown = (components ?? []).filter(
    c => c.error || (c.value && c.value.items.length > 0),
  );
  const without = (components ?? []).length - shown.length;
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
          {component.error ? (
            <ResponseErrorPanel
              title={`Could not read the SLOs of ${component.entityRef}`}
              error={component.error}
            />
          ) : (
            component.value && <SloList slos={component.value} at={at} />
          )}
        </Grid>
      ))}
      {without > 0 && (
        <Grid item xs={12}>
          <Typography variant="body2" color="textSecondary">
            {without === 1
              ? '1 component of this system has no SLO.'
              : `${without} components of this system have no SLO.`}
          </Typography>
        </Grid>
      )}
    </Grid>
  );
}
