import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { IncidentActionItem } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { checkHttpLink } from './incidentFormChecks';
import { useIncidentWrite } from './useIncidentWrite';
import { WriteProblems } from './WriteProblems';
import { BusyButton } from '../BusyButton';
import { incidentControlName } from './describeIncident';
import { useFocusFirstInvalid } from '../focusFirstControl';
import { OwnerPicker } from './OwnerPicker';

const FIELDS = ['title', 'ownerRef', 'dueDate', 'link'] as const;

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(1),
  },
  problems: { flexBasis: '100%' },
}));

const EMPTY = { title: '', ownerRef: '', dueDate: '', link: '' };

/**
 * Adds an action item: title (required), owner (a user or group of the catalog, offered as it is
 * typed), due date and link (checked to be http or https before sending); a 400 shows on its field.
 */
export function AddActionItemForm(props: {
  incidentId: string;
  incidentTitle: string;
  onAdded(item: IncidentActionItem): void;
}) {
  const { incidentId, incidentTitle, onAdded } = props;
  const classes = useStyles();
  const api = useApi(stewardshipApiRef);
  const [form, setForm] = useState(EMPTY);
  const write = useIncidentWrite(FIELDS);
  // A refused add (an empty title, a link that is not http(s)) or a 400 on a field: focus goes to
  // the first field marked invalid, where its message is read, not left on the button.
  const fieldsRoot = useFocusFirstInvalid<HTMLFormElement>(write.fields);
  const set = (key: keyof typeof EMPTY, value: string) =>
    setForm(f => ({ ...f, [key]: value }));

  const add = async () => {
    const link = form.link.trim() ? checkHttpLink(form.link) : undefined;
    const problems: Record<string, string> = {};
    if (!form.title.trim()) problems.title = 'Required';
    if (link?.problem) problems.link = link.problem;
    if (Object.keys(problems).length > 0) {
      write.refuse(problems);
      return;
    }
    const item = await write.run(() =>
      api.createIncidentActionItem(incidentId, {
        title: form.title.trim(),
        ...(form.ownerRef.trim() && { ownerRef: form.ownerRef.trim() }),
        ...(form.dueDate && { dueDate: form.dueDate }),
        ...(link?.link && { link: link.link }),
      }),
    );
    if (item) {
      setForm(EMPTY);
      onAdded(item);
    }
  };

  const fieldProps = (key: (typeof FIELDS)[number]) => ({
    variant: 'outlined' as const,
    size: 'small' as const,
    error: Boolean(write.fields[key]),
    helperText: write.fields[key],
  });

  return (
    <form
      ref={fieldsRoot}
      className={classes.form}
      aria-label={`Add an action item to ${incidentTitle}`}
      noValidate
      onSubmit={e => {
        e.preventDefault();
        add();
      }}
    >
      <div className={classes.problems}>
        <WriteProblems state={write} />
      </div>
      <TextField
        id={`${incidentId}-item-title`}
        label="Action item"
        required
        value={form.title}
        onChange={e => set('title', e.target.value)}
        {...fieldProps('title')}
      />
      <OwnerPicker
        id={`${incidentId}-item-ownerRef`}
        value={form.ownerRef}
        onChange={value => set('ownerRef', value)}
        error={write.fields.ownerRef}
      />
      <TextField
        id={`${incidentId}-item-dueDate`}
        label="Due"
        type="date"
        InputLabelProps={{ shrink: true }}
        value={form.dueDate}
        onChange={e => set('dueDate', e.target.value)}
        {...fieldProps('dueDate')}
      />
      <TextField
        id={`${incidentId}-item-link`}
        label="Link"
        type="url"
        placeholder="https://…"
        value={form.link}
        onChange={e => set('link', e.target.value)}
        {...fieldProps('link')}
      />
      <BusyButton
        type="submit"
        variant="outlined"
        busy={write.busy}
        aria-label={incidentControlName('Add action item', incidentTitle)}
      >
        Add action item
      </BusyButton>
    </form>
  );
}
