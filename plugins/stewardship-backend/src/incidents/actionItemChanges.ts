import {
  IncidentActionItem,
  IncidentActionItemCreateRequest,
  IncidentActionItemPatchRequest,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ActionItemRecord } from '../database/IncidentStore';
import { withoutUndefined } from '../lib/withoutUndefined';
import {
  checkDueDate,
  checkHttpUrl,
  checkLine,
  ownerRef,
} from './incidentInput';

const FIELDS = ['title', 'ownerRef', 'dueDate', 'status', 'link'] as const;

/**
 * A new action item from a checked request body (400 naming the field otherwise). Its owner is
 * the ref the body's `ownerRef` reads as; whether that is in the catalog is the caller's to check.
 */
export function newActionItem(
  body: IncidentActionItemCreateRequest,
): ActionItemRecord {
  return withoutUndefined({
    title: checkLine('title', body.title),
    ownerRef:
      body.ownerRef === undefined
        ? undefined
        : ownerRef('ownerRef', body.ownerRef),
    dueDate:
      body.dueDate === undefined
        ? undefined
        : checkDueDate('dueDate', body.dueDate),
    status: body.status ?? 'open',
    link: body.link === undefined ? undefined : checkHttpUrl('link', body.link),
  });
}

/**
 * A PATCH of an action item, checked now (400 before anything is read or written), applied to
 * the item as stored: the new fields (null clears an optional one) and a timeline message, or
 * undefined when it sets what is stored (nothing to write or tell). `catalogOwner` is the owner the
 * catalog was found to hold for the body's `ownerRef`, when not the ref it reads as (a bare name
 * of a user, not a group).
 */
export function actionItemChange(body: IncidentActionItemPatchRequest): (
  current: IncidentActionItem,
  catalogOwner?: string,
) =>
  | {
      item: ActionItemRecord;
      message: string;
    }
  | undefined {
  const title =
    body.title === undefined ? undefined : checkLine('title', body.title);
  const owner =
    typeof body.ownerRef === 'string'
      ? ownerRef('ownerRef', body.ownerRef)
      : body.ownerRef;
  const dueDate =
    typeof body.dueDate === 'string'
      ? checkDueDate('dueDate', body.dueDate)
      : body.dueDate;
  const link =
    typeof body.link === 'string' ? checkHttpUrl('link', body.link) : body.link;
  return (current, catalogOwner) => {
    const { id, incidentId, createdAt, updatedAt, ...fields } = current;
    const item: ActionItemRecord = { ...fields };
    if (title !== undefined) item.title = title;
    if (owner !== undefined) item.ownerRef = catalogOwner ?? owner ?? undefined;
    if (dueDate !== undefined) item.dueDate = dueDate ?? undefined;
    if (body.status !== undefined) item.status = body.status;
    if (link !== undefined) item.link = link ?? undefined;
    const changed = FIELDS.filter(field => item[field] !== fields[field]);
    if (changed.length === 0) return undefined;
    const statusChange =
      item.status !== fields.status
        ? `: ${fields.status} → ${item.status}`
        : '';
    return {
      item: withoutUndefined(item),
      message: `Action item "${item.title}" changed (${changed.join(
        ', ',
      )})${statusChange}`,
    };
  };
}
