import Chip from '@material-ui/core/Chip';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import { useEffect, useState } from 'react';
import {
  OWNERSHIP_ROLES,
  OWNERSHIP_ROLE_TITLES,
  OWNERSHIP_STATUSES,
  SCORECARD_GROUP_BYS,
  ScorecardFilter,
  ScorecardGroupBy,
} from '@stewardship/backstage-plugin-stewardship-common';
import { FilterSelect } from './FilterSelect';
import { ScorecardParam } from './useScorecardParams';
import { useEntityTitles } from '../useEntityTitles';

/**
 * The kinds offered when the backend does not say which the ownership policy covers (one older
 * than `coveredKinds`).
 */
const KINDS = ['component', 'api', 'system', 'domain', 'resource'];

const GROUP_BY_TITLES: Record<ScorecardGroupBy, string> = {
  owner: 'Owning group',
  system: 'System',
  domain: 'Domain',
  kind: 'Kind',
};

const useStyles = makeStyles(theme => ({
  // On paper: the theme's label grey is 4.47:1 on the page background, 4.8:1 on white.
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
    marginBottom: theme.spacing(3),
  },
}));

/**
 * The id of the control that shows the filter `key` while it is in force: its picker, or the chip
 * of a filter without one. Where focus goes after a group's "Show only" ({@link GroupsTable}).
 */
export function filterControlId(key: ScorecardParam): string {
  return `stewardship-filter-${key}`;
}

/** The Group by picker's id (the one its label would make). */
const GROUP_BY_ID = 'stewardship-filter-group-by';

/** The scorecard's filters and grouping. */
export function ScorecardFilters(props: {
  filter: ScorecardFilter;
  groupBy?: ScorecardGroupBy;
  /**
   * The scorecard last read, for the kinds the ownership policy covers (its `coveredKinds`); none
   * until the first arrives, when only the kind filtered by is offered: not a guessed list that
   * the policy's kinds would then replace.
   */
  scorecard?: { coveredKinds?: string[] };
  onChange: (key: ScorecardParam, value: string | undefined) => void;
}) {
  const { filter, groupBy, onChange } = props;
  const classes = useStyles();
  // The kinds the policy covers: another matches nothing. The kind filtered by is an option too
  // (a link's may be one the policy does not cover), so that the select shows the filter in force
  // rather than "All kinds".
  const covered = props.scorecard?.coveredKinds;
  let offered: string[] = [];
  if (props.scorecard) offered = covered?.length ? covered : KINDS;
  const kinds =
    filter.kind && !offered.includes(filter.kind)
      ? [...offered, filter.kind]
      : offered;
  // Filters without a picker arrive through links (e.g. a group row).
  const linked = (['type', 'owner', 'system', 'domain'] as const).filter(
    key => filter[key],
  );
  // Owners, systems and domains arrive as refs: shown as the catalog presents them.
  // A removed chip leaves the page with focus on it: focus goes to the chip after it, else the
  // one before, else the last picker (Group by), once the filter is gone.
  const [refocus, setRefocus] = useState<string>();
  useEffect(() => {
    if (!refocus) return;
    const target = document.getElementById(refocus);
    if (!target) return;
    setRefocus(undefined);
    target.focus();
  }, [refocus, linked.length]);
  const removeChip = (key: (typeof linked)[number]) => {
    const at = linked.indexOf(key);
    const next = linked[at + 1] ?? linked[at - 1];
    setRefocus(next ? filterControlId(next) : GROUP_BY_ID);
    onChange(key, undefined);
  };
  const labels = {
    type: (value: string) => value,
    owner: useEntityTitles(filter.owner ? [filter.owner] : [], 'group'),
    system: useEntityTitles(filter.system ? [filter.system] : [], 'system'),
    domain: useEntityTitles(filter.domain ? [filter.domain] : [], 'domain'),
  };

  return (
    <Paper className={classes.root}>
      <FilterSelect
        id={filterControlId('kind')}
        label="Kind"
        anyLabel="All kinds"
        value={filter.kind}
        options={kinds.map(k => ({ value: k, label: k }))}
        onChange={v => onChange('kind', v)}
      />
      <FilterSelect
        label="Status"
        anyLabel="Any status"
        value={filter.status}
        options={OWNERSHIP_STATUSES.map(s => ({ value: s, label: s }))}
        onChange={v => onChange('status', v)}
      />
      <FilterSelect
        label="Role"
        anyLabel="Any role"
        value={filter.role}
        options={OWNERSHIP_ROLES.map(r => ({
          value: r,
          label: OWNERSHIP_ROLE_TITLES[r],
        }))}
        onChange={v => onChange('role', v)}
      />
      <FilterSelect
        id={GROUP_BY_ID}
        label="Group by"
        anyLabel="No grouping"
        value={groupBy}
        options={SCORECARD_GROUP_BYS.map(g => ({
          value: g,
          label: GROUP_BY_TITLES[g],
        }))}
        onChange={v => onChange('groupBy', v)}
      />
      {linked.map(key => (
        <Chip
          key={key}
          id={filterControlId(key)}
          label={`${key}: ${labels[key](filter[key]!)}`}
          onDelete={() => removeChip(key)}
        />
      ))}
    </Paper>
  );
}
