import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import { MAX_PERIOD_DAYS } from '@stewardship/backstage-plugin-stewardship-common';
import useAsync from 'react-use/esm/useAsync';
import { REVIEW_PERIODS, ReviewPeriodId } from './reviewPeriod';
import { useSettledChange } from '../useSettledChange';

const KINDS = [
  { kind: 'system', label: 'Systems' },
  { kind: 'domain', label: 'Domains' },
  { kind: 'group', label: 'Groups' },
];

/**
 * The option a scope from the URL stands for. Refs are case-insensitive and links write them as
 * they like (`System:Default/billing`); the options are the catalog's refs. Undefined when no
 * option is that scope (not read yet, or not a system, domain or group the catalog lists).
 */
export function scopeOption(
  scope: string,
  refs: readonly string[],
): string | undefined {
  const wanted = scope.toLocaleLowerCase('en-US');
  return refs.find(ref => ref.toLocaleLowerCase('en-US') === wanted);
}

/** The scope picker (systems, domains and groups from the catalog) and the period. */
export function ReviewControls(props: {
  scope: string;
  period: ReviewPeriodId;
  from: string;
  to: string;
  onChange: (key: 'scope' | 'period' | 'from' | 'to', value: string) => void;
}) {
  const catalogApi = useApi(catalogApiRef);
  const periodChoice = useSettledChange<string>(props.period, value =>
    props.onChange('period', value),
  );
  const { value: entities, error } = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: { kind: KINDS.map(k => k.kind) },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
          ],
        })
      ).items,
    [catalogApi],
  );
  const options = KINDS.map(({ kind, label }) => ({
    label,
    items: (entities ?? [])
      .filter(e => e.kind.toLocaleLowerCase('en-US') === kind)
      .map(e => ({
        ref: stringifyEntityRef(e),
        title: e.metadata.title ?? e.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title)),
  }));
  // The select shows the scope reviewed: as its option when the catalog lists it, else as the
  // URL writes it, rather than "Pick a system, domain or group" above a review.
  const listed = scopeOption(
    props.scope,
    options.flatMap(group => group.items.map(item => item.ref)),
  );
  const unlisted = props.scope && !listed ? props.scope : undefined;
  // Each scope or period is a new review: read it once the choice settles, not per arrow key.
  const scopeChoice = useSettledChange(listed ?? props.scope, value =>
    props.onChange('scope', value),
  );
  return (
    // On paper: the theme's label grey is 4.47:1 on the page background, 4.8:1 on white.
    <Paper className="stewardship-review-controls">
      <Box p={2}>
        <Grid container spacing={2}>
          <Grid item xs={12} md={5}>
            <TextField
              select
              fullWidth
              variant="outlined"
              id="stewardship-review-scope"
              label="Scope"
              value={scopeChoice.shown}
              onChange={e => scopeChoice.change(e.target.value)}
              onBlur={scopeChoice.flush}
              SelectProps={{ native: true }}
              // Always above the field: a native select always shows an option (the empty one
              // says what to pick), and MUI does not move the label up for a value set from the
              // URL, where it covered the value.
              InputLabelProps={{ shrink: true }}
              helperText={
                error
                  ? `The catalog could not be read: ${error.message}`
                  : 'A system, domain or group'
              }
              error={Boolean(error)}
            >
              <option value="">Pick a system, domain or group</option>
              {unlisted && <option value={unlisted}>{unlisted}</option>}
              {options.map(group => (
                <optgroup key={group.label} label={group.label}>
                  {group.items.map(item => (
                    <option key={item.ref} value={item.ref}>
                      {item.title} ({item.ref})
                    </option>
                  ))}
                </optgroup>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={12} md={3}>
            <TextField
              select
              fullWidth
              variant="outlined"
              id="stewardship-review-period"
              label="Period"
              value={periodChoice.shown}
              onChange={e => periodChoice.change(e.target.value)}
              onBlur={periodChoice.flush}
              SelectProps={{ native: true }}
            >
              {REVIEW_PERIODS.map(period => (
                <option key={period.id} value={period.id}>
                  {period.label}
                </option>
              ))}
            </TextField>
          </Grid>
          {periodChoice.shown === 'custom' && (
            <>
              <Grid item xs={6} md={2}>
                <TextField
                  fullWidth
                  variant="outlined"
                  type="date"
                  id="stewardship-review-from"
                  label="First day"
                  InputLabelProps={{ shrink: true }}
                  // The backend reviews at most this many days; a longer range says so instead.
                  helperText={`At most ${MAX_PERIOD_DAYS} days in all`}
                  value={props.from}
                  onChange={e => props.onChange('from', e.target.value)}
                />
              </Grid>
              <Grid item xs={6} md={2}>
                <TextField
                  fullWidth
                  variant="outlined"
                  type="date"
                  id="stewardship-review-to"
                  label="Last day"
                  InputLabelProps={{ shrink: true }}
                  value={props.to}
                  onChange={e => props.onChange('to', e.target.value)}
                />
              </Grid>
            </>
          )}
        </Grid>
      </Box>
    </Paper>
  );
}
