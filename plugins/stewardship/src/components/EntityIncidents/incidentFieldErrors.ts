import { FieldErrors, mapServerErrors } from '../SloEditor/serverErrors';

/**
 * The backend's 400 message about an incident or action item, given to the form field it names.
 *
 * Two shapes arrive: the spec validator's (`request/body/title must NOT have more than 200
 * characters`), and the incident checks', which start with the field (`postmortemUrl is not an
 * http(s) address`, `Invalid incident: resolvedAt (…) is before mitigatedAt (…)`,
 * `affectedSloIds/0: no SLO with id …`). What names no field of the form is in `unmatched`.
 */
export function incidentFieldErrors(
  message: string,
  fieldKeys: readonly string[],
): FieldErrors {
  const trimmed = message.trim().replace(/^Invalid incident: /, '');
  if (trimmed.startsWith('request/')) {
    return mapServerErrors(trimmed, fieldKeys);
  }
  const field = /^([A-Za-z]+)\b/.exec(trimmed)?.[1];
  if (field && fieldKeys.includes(field)) {
    return { fields: { [field]: trimmed }, unmatched: [] };
  }
  return { fields: {}, unmatched: [trimmed] };
}
