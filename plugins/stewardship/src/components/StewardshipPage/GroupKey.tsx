import { EntityRefLink } from '@backstage/plugin-catalog-react';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import FilterListIcon from '@material-ui/icons/FilterList';
import {
  ScorecardGroup,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ScorecardParam } from './useScorecardParams';

const useStyles = makeStyles(theme => ({
  key: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    whiteSpace: 'nowrap',
  },
}));

/** A group of the scorecard, with a button that filters the page to it. */
export function GroupKey(props: {
  group: ScorecardGroup;
  groupBy: ScorecardGroupBy;
  onFilter: (key: ScorecardParam, value: string) => void;
}) {
  const { group, groupBy, onFilter } = props;
  const classes = useStyles();
  if (group.key === 'none') {
    return <>(none)</>;
  }
  // Owners, systems and domains are entity refs; kinds are plain words.
  const isRef = group.key.includes(':');
  return (
    <span className={classes.key}>
      {isRef ? <EntityRefLink entityRef={group.key} /> : group.key}
      <Tooltip title="Show only this group">
        <IconButton
          size="small"
          aria-label={`Show only ${group.key}`}
          onClick={() => onFilter(groupBy, group.key)}
        >
          <FilterListIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </span>
  );
}
