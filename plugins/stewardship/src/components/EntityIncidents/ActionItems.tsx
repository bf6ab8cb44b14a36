import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  IncidentActionItem,
  httpLink,
} from '@stewardship/backstage-plugin-stewardship-common';
import { stewardshipApiRef } from '../../api';
import { actionItemDueText, isActionItemOverdue } from './describeIncident';
import { useIncidentWrite } from './useIncidentWrite';
import { WriteProblems } from './WriteProblems';
import { BusyButton } from '../BusyButton';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    '& li': { marginBottom: theme.spacing(1) },
  },
  overdue: {
    fontWeight: theme.typography.fontWeightBold as number,
  },
}));

function ActionItemEntry(props: {
  incidentId: string;
  item: IncidentActionItem;
  today: string;
  canUpdate: boolean;
  onChanged(item: IncidentActionItem): void;
}) {
  const { incidentId, item, today, canUpdate, onChanged } = props;
  const classes = useStyles();
  const api = useApi(stewardshipApiRef);
  const write = useIncidentWrite([]);
  const overdue = isActionItemOverdue(item, today);
  const link = httpLink(item.link);
  const toggle = async () => {
    const changed = await write.run(() =>
      api.updateIncidentActionItem(incidentId, item.id, {
        status: item.status === 'open' ? 'done' : 'open',
      }),
    );
    if (changed) onChanged(changed);
  };
  return (
    <li>
      <Typography variant="body2" component="span">
        <strong>{item.title}</strong> ·{' '}
        {item.status === 'done' ? 'Done' : 'Open'} ·{' '}
        {item.ownerRef ? (
          <>
            owner <EntityRefLink entityRef={item.ownerRef} />
          </>
        ) : (
          'no owner'
        )}{' '}
        ·{' '}
        <span className={overdue ? classes.overdue : undefined}>
          {actionItemDueText(item, today)}
        </span>
        {link && (
          <>
            {' · '}
            <Link to={link}>ticket or document</Link>
          </>
        )}
      </Typography>{' '}
      {canUpdate && (
        <BusyButton
          size="small"
          variant="outlined"
          busy={write.busy}
          onClick={toggle}
          aria-label={`${item.status === 'open' ? 'Mark done' : 'Reopen'}: ${
            item.title
          }`}
        >
          {item.status === 'open' ? 'Mark done' : 'Reopen'}
        </BusyButton>
      )}
      <WriteProblems state={write} />
    </li>
  );
}

/**
 * An incident's action items: title, done or open, owner, due date (overdue said in words), link,
 * and "Mark done" / "Reopen" for viewers who may change the incident.
 */
export function ActionItems(props: {
  incidentId: string;
  items: IncidentActionItem[];
  today: string;
  canUpdate: boolean;
  titleId: string;
  /** After "Mark done" or "Reopen", with the item as saved. */
  onChanged(item: IncidentActionItem): void;
}) {
  const classes = useStyles();
  if (props.items.length === 0) {
    return <Typography variant="body2">No action items.</Typography>;
  }
  return (
    <ul className={classes.list} aria-labelledby={props.titleId}>
      {props.items.map(item => (
        <ActionItemEntry
          key={item.id}
          incidentId={props.incidentId}
          item={item}
          today={props.today}
          canUpdate={props.canUpdate}
          onChanged={props.onChanged}
        />
      ))}
    </ul>
  );
}
