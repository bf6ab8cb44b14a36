import { useApi } from '@backstage/core-plugin-api';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { Incident } from '@stewardship/backstage-plugin-stewardship-common';
import { useState } from 'react';
import { stewardshipApiRef } from '../../api';
import { useIncidentWrite } from './useIncidentWrite';
import { WriteProblems } from './WriteProblems';
import { BusyButton } from '../BusyButton';
import { incidentControlName } from './describeIncident';
import { useFocusFirstInvalid } from '../focusFirstControl';

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1.5),
    marginTop: theme.spacing(1),
  },
  note: { flex: '1 1 20rem' },
  problems: { flexBasis: '100%' },
}));

/** Adds a note to an incident's timeline (a PATCH with the version last read). */
export function NoteForm(props: {
  incident: Incident;
  onAdded(incident: Incident): void;
  onReload(): void;
}) {
  const { incident, onAdded, onReload } = props;
  const classes = useStyles();
  const api = useApi(stewardshipApiRef);
  const [note, setNote] = useState('');
  const write = useIncidentWrite(['note']);
  // An empty note refused (or a 400 on it): focus goes to the field, where its message is read.
  const fieldsRoot = useFocusFirstInvalid<HTMLFormElement>(write.fields);

  const add = async () => {
    if (!note.trim()) {
      write.refuse({ note: 'Write the note first' });
      return;
    }
    const changed = await write.run(() =>
      api.updateIncident(incident.id, {
        version: incident.version,
        note: note.trim(),
      }),
    );
    if (changed) {
      setNote('');
      onAdded(changed);
    }
  };

  return (
    <form
      ref={fieldsRoot}
      className={classes.form}
      aria-label={`Add a note to ${incident.title}`}
      noValidate
      onSubmit={e => {
        e.preventDefault();
        add();
      }}
    >
      <div className={classes.problems}>
        <WriteProblems state={write} onReload={onReload} />
      </div>
      <TextField
        className={classes.note}
        id={`${incident.id}-note`}
        label="Note"
        variant="outlined"
        size="small"
        multiline
        value={note}
        onChange={e => setNote(e.target.value)}
        error={Boolean(write.fields.note)}
        helperText={write.fields.note}
      />
      <BusyButton
        type="submit"
        variant="outlined"
        busy={write.busy}
        aria-label={incidentControlName('Add note', incident.title)}
      >
        Add note
      </BusyButton>
    </form>
  );
}
