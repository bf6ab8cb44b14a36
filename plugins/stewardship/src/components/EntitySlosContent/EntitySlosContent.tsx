import {
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { getEntityRelations, useEntity } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useEntitySlos } from '../../hooks';
import { AsOfPicker } from './AsOfPicker';
import { SloEmptyState } from './SloEmptyState';
import { SloList } from './SloList';
import { SystemComponentSlos } from './SystemComponentSlos';
import { useAsOf } from './useAsOf';
import { useComponentSlos } from './useComponentSlos';

/**
 * The SLOs tab of an entity: one row per SLO with its status and reason, SLI against the
 * objective, error budget (percentage and events), time to exhaustion and firing alert policies,
 * each opening its details. On a System, its components' SLOs follow, grouped by component.
 * "As of" (`?at=` in the page URL) shows the whole tab at a past moment.
 *
 * @public
 */
export function EntitySlosContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { at, problem, setAt } = useAsOf();
  const own = useEntitySlos(at);

  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const componentRefs = isSystem
    ? getEntityRelations(entity, RELATION_HAS_PART, { kind: 'component' })
        .map(ref => stringifyEntityRef(ref))
        .sort()
    : [];
  const components = useComponentSlos(componentRefs, at);

  let body;
  if (own.loading) {
    body = <Progress />;
  } else if (own.error) {
    body = <ResponseErrorPanel error={own.error} />;
  } else if (own.value) {
    const ownCount = own.value.items.length;
    const componentCount = (components.value ?? []).reduce(
      (sum, c) => sum + (c.value?.items.length ?? 0) + (c.error ? 1 : 0),
      0,
    );
    if (
      ownCount === 0 &&
      (!isSystem ||
        (!components.loading && !components.error && componentCount === 0))
    ) {
      body = <SloEmptyState entityRef={entityRef} />;
    } else {
      body = (
        <Grid container spacing={3}>
          {ownCount > 0 && (
            <Grid item xs={12} component="section" aria-label="Own SLOs">
              {isSystem && (
                <Typography variant="h5" component="h2" gutterBottom>
                  SLOs of this system
                </Typography>
              )}
              <SloList slos={own.value} at={at} />
            </Grid>
          )}
          {isSystem && (
            <Grid item xs={12}>
              <Typography variant="h5" component="h2" gutterBottom>
                SLOs of its components
              </Typography>
              <SystemComponentSlos
                components={components.value}
                loading={components.loading}
                error={components.error}
                at={at}
              />
            </Grid>
          )}
        </Grid>
      );
    }
  }

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <AsOfPicker at={at} onChange={setAt} urlRefused={Boolean(problem)} />
        {problem && (
          <Alert severity="warning" role="status">
            {problem}
          </Alert>
        )}
      </Grid>
      <Grid item xs={12}>
        {body}
      </Grid>
    </Grid>
  );
}
