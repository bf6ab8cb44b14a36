import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { FailingEntity } from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode } from 'react';
import { FailingEntityProblems } from './FailingEntityProblems';
import { NarrowList, NarrowListItem, NarrowListPaging } from './NarrowList';

const useStyles = makeStyles(theme => ({
  // Label and value side by side, as the table's header and cell were.
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(1.5),
    margin: theme.spacing(0.5, 0, 1),
    '& dd': { margin: 0 },
  },
  label: { color: theme.palette.text.secondary },
}));

/**
 * The failing entities for a narrow window ({@link useNarrowLayout}): one card per entity with
 * what the table's columns show (the entity, its kind and owner, each failing role in words).
 */
export function FailingEntitiesList(props: {
  title: string;
  items: FailingEntity[];
  empty: ReactNode;
  loading: boolean;
  paging: NarrowListPaging;
}) {
  const classes = useStyles();
  return (
    <NarrowList
      id="failing-entities"
      title={props.title}
      count={props.items.length}
      empty={props.empty}
      loading={props.loading}
      loadingLabel="Loading the failing entities"
      paging={props.paging}
    >
      {props.items.map(entity => (
        <NarrowListItem key={entity.entityRef}>
          <Typography variant="subtitle1" component="h3">
            <EntityRefLink entityRef={entity.entityRef}>
              {entity.title ?? entity.name}
            </EntityRefLink>
          </Typography>
          <Typography variant="body2" component="dl" className={classes.facts}>
            <dt className={classes.label}>Kind</dt>
            <dd>{entity.kind}</dd>
            <dt className={classes.label}>Owner</dt>
            <dd>
              {entity.owner ? (
                <EntityRefLink entityRef={entity.owner} />
              ) : (
                'none'
              )}
            </dd>
          </Typography>
          <FailingEntityProblems entity={entity} />
        </NarrowListItem>
      ))}
    </NarrowList>
  );
}
