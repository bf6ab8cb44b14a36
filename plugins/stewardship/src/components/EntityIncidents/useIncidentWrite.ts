import { useCallback, useState } from 'react';
import { errorMessage, errorStatus } from '../responseErrors';
import { incidentFieldErrors } from './incidentFieldErrors';

/** What a write to an incident left to show: the server's problems, by field where it named one. */
export interface IncidentWriteState {
  /** A request is running. */
  busy: boolean;
  /** Form field → the server's message about it (400). */
  fields: Record<string, string>;
  /** Problems that name no field of the form, or a failure that is not a 400. */
  problems: string[];
  /** 409: someone else changed the incident since it was read. */
  conflict: boolean;
}

const IDLE: IncidentWriteState = {
  busy: false,
  fields: {},
  problems: [],
  conflict: false,
};

/**
 * Runs a write and sorts what went wrong: a 400 onto the form fields it names (`fieldKeys`), a
 * 409 into `conflict`, anything else into `problems`. `run` resolves to the result, or undefined
 * when the write failed.
 */
export function useIncidentWrite(fieldKeys: readonly string[]) {
  const [state, setState] = useState<IncidentWriteState>(IDLE);
  const keys = fieldKeys.join('\n');
  const run = useCallback(
    async <T>(write: () => Promise<T>): Promise<T | undefined> => {
      setState({ ...IDLE, busy: true });
      try {
        const result = await write();
        setState(IDLE);
        return result;
      } catch (error) {
        const status = errorStatus(error);
        const message = errorMessage(error);
        if (status === 409) {
          setState({ ...IDLE, conflict: true });
        } else if (status === 400) {
          const mapped = incidentFieldErrors(message, keys.split('\n'));
          setState({
            ...IDLE,
            fields: mapped.fields,
            problems: mapped.unmatched,
          });
        } else {
          setState({ ...IDLE, problems: [message] });
        }
        return undefined;
      }
    },
    [keys],
  );
  const reset = useCallback(() => setState(IDLE), []);
  /** Sets problems found before sending (e.g. a required field left empty). */
  const refuse = useCallback(
    (fields: Record<string, string>) => setState({ ...IDLE, fields }),
    [],
  );
  return { ...state, run, reset, refuse };
}
