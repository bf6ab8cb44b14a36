import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  FailingEntity,
  OWNERSHIP_ROLE_TITLES,
} from '@stewardship/backstage-plugin-stewardship-common';
import { OwnershipStatusLabel } from '../OwnershipStatusLabel';

const useStyles = makeStyles(theme => ({
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
    // The role and its status in whole words, whatever the cell allows below them.
    wordBreak: 'normal',
  },
}));

/** A failing entity's failing roles: each with its status in words, the problem and the fix. */
export function FailingEntityProblems(props: { entity: FailingEntity }) {
  const classes = useStyles();
  return (
    <>
      {props.entity.problems.map(p => (
        <Box key={p.role} mb={1}>
          <div className={classes.heading}>
            <Typography variant="body2" component="span">
              {OWNERSHIP_ROLE_TITLES[p.role] ?? p.role}
            </Typography>
            <OwnershipStatusLabel status={p.status} required={p.required} />
          </div>
          {p.problem && (
            <Typography variant="body2" color="textSecondary">
              {p.problem}
            </Typography>
          )}
          {p.fix && (
            <Typography variant="caption" color="textSecondary" component="div">
              Fix: {p.fix}
            </Typography>
          )}
        </Box>
      ))}
    </>
  );
}
