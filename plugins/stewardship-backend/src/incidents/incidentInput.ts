/*
 * Checks of incident input the OpenAPI spec cannot express. Every check throws an InputError
 * whose message starts with the field it is about, so a client knows what to fix.
 */
import { InputError } from '@backstage/errors';
import { httpLink } from '@stewardship/backstage-plugin-stewardship-common';
import { normalizeEntityRef } from '../lib/entityRefs';
import { momentProblem } from '../lib/momentProblem';
import { codePointName } from '../slo/controlCharacters';

// eslint-disable-next-line no-control-regex -- matching them is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_TAB_AND_LINE_FEED =
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** How far ahead of the server's clock a moment may be (clock skew of the sender). */
const FUTURE_SLACK_MS = 60_000;

/** One line of text (a title, an id): no control characters, not blank. */
export function checkLine(field: string, value: string): string {
  const match = CONTROL.exec(value);
  if (match) {
    throw new InputError(
      `${field} contains the control character ${codePointName(
        match[0],
      )} at position ${match.index + 1}`,
    );
  }
  if (!value.trim()) {
    throw new InputError(`${field} must not be blank`);
  }
  return value.trim();
}

/** Free text (a description, a note): tabs and line feeds allowed, other controls not. */
export function checkFreeText(field: string, value: string): string {
  const match = CONTROL_BUT_TAB_AND_LINE_FEED.exec(value);
  if (match) {
    throw new InputError(
      `${field} contains the control character ${codePointName(
        match[0],
      )} at position ${match.index + 1}; only tabs and line feeds are allowed`,
    );
  }
  return value;
}

/** An http(s) address (the spec has checked the form; this checks it parses). */
export function checkHttpUrl(field: string, value: string): string {
  if (httpLink(value) === undefined) {
    throw new InputError(
      `${field} is not an http(s) address (without a user name or password)`,
    );
  }
  return value;
}

/**
 * A moment sent as an RFC 3339 date-time, as epoch ms: from 1970 on and not in the future
 * (a minute of clock skew allowed).
 */
export function checkMoment(field: string, value: string, now: Date): string {
  const ms = Date.parse(value);
  const problem = momentProblem(new Date(ms));
  if (problem) {
    throw new InputError(`${field} "${value}" ${problem}`);
  }
  if (ms > now.getTime() + FUTURE_SLACK_MS) {
    throw new InputError(`${field} must not be in the future`);
  }
  return new Date(ms).toISOString();
}

/** An entity ref field: a bare name is a component. */
export function incidentEntityRef(field: string, value: string): string {
  return normalizeEntityRef(value, { defaultKind: 'component', what: field });
}

/** An owner ref: a user or a group, a bare name is a group. */
export function ownerRef(field: string, value: string): string {
  const ref = normalizeEntityRef(value, { defaultKind: 'group', what: field });
  if (!ref.startsWith('user:') && !ref.startsWith('group:')) {
    throw new InputError(`${field} must name a user or a group, not ${ref}`);
  }
  return ref;
}

/**
 * The refs an owner may be, in the order to look for them in the catalog: the ref itself when the
 * value names its kind; for a bare name the group of that name, then the user (a bare name is a
 * group, but `noah.davis` is more often typed for a colleague than for a team).
 */
export function ownerRefCandidates(field: string, value: string): string[] {
  const asGroup = ownerRef(field, value);
  const asUser = normalizeEntityRef(value, {
    defaultKind: 'user',
    what: field,
  });
  return asUser === asGroup ? [asGroup] : [asGroup, asUser];
}

/** YYYY-MM-DD, with the year apart. */
const DATE = /^(\d{4})-\d{2}-\d{2}$/;

/**
 * A due date, YYYY-MM-DD: a day of the calendar (the spec checks the form; this holds without it)
 * from 1970 on, as every moment this plugin takes is, and so before the year 10000.
 */
export function checkDueDate(field: string, value: string): string {
  const year = DATE.exec(value)?.[1];
  const day = new Date(`${value}T00:00:00Z`);
  if (
    year === undefined ||
    Number.isNaN(day.getTime()) ||
    day.toISOString().slice(0, 10) !== value
  ) {
    throw new InputError(`${field} "${value}" is not a date (YYYY-MM-DD)`);
  }
  if (Number(year) < 1970) {
    throw new InputError(`${field} "${value}" is not a date from 1970 on`);
  }
  return value;
}
