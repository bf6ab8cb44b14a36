/*
 * Action item input: what a new item and a PATCH store, and the timeline message a PATCH writes.
 * Messages and stored fields are written out by hand.
 */
import { InputError } from '@backstage/errors';
import { IncidentActionItem } from '@stewardship/backstage-plugin-stewardship-common';
import { actionItemChange, newActionItem } from './actionItemChanges';

const CURRENT: IncidentActionItem = {
  id: 'item-1',
  incidentId: 'incident-1',
  title: 'Add a canary',
  ownerRef: 'group:default/payments',
  dueDate: '2026-12-31',
  status: 'open',
  link: 'https://tickets.example.com/OPS-1',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('newActionItem', () => {
  it('stores a trimmed title, a full owner ref and status open by default', () => {
    expect(
      newActionItem({ title: '  Add a canary ', ownerRef: 'Payments' }),
    ).toEqual({
      title: 'Add a canary',
      ownerRef: 'group:default/payments',
      status: 'open',
    });
  });

  it.each([
    [{ title: ' ' }, 'title must not be blank'],
    [{ title: 'x', ownerRef: 'component:default/cart' }, 'ownerRef'],
    [{ title: 'x', link: 'ftp://example.com/x' }, 'link'],
    [{ title: 'a\u0085b' }, 'title contains the control character'],
    [
      { title: 'x', dueDate: '0000-01-01' },
      'dueDate "0000-01-01" is not a date from 1970 on',
    ],
    [
      { title: 'x', dueDate: '1969-12-31' },
      'dueDate "1969-12-31" is not a date from 1970 on',
    ],
    // The spec refuses these; the check holds without it.
    [
      { title: 'x', dueDate: '2026-02-30' },
      'dueDate "2026-02-30" is not a date (YYYY-MM-DD)',
    ],
    [
      { title: 'x', dueDate: '10000-01-01' },
      'dueDate "10000-01-01" is not a date (YYYY-MM-DD)',
    ],
    [
      { title: 'x', dueDate: '2026-12-31T00:00:00Z' },
      'dueDate "2026-12-31T00:00:00Z" is not a date (YYYY-MM-DD)',
    ],
  ])('refuses %j naming the field', (body, message) => {
    expect(() => newActionItem(body)).toThrow(InputError);
    expect(() => newActionItem(body)).toThrow(message);
  });

  it.each(['1970-01-01', '2028-02-29', '9999-12-31'])(
    'takes the due date %s, from 1970 on and before the year 10000',
    dueDate => {
      expect(newActionItem({ title: 'x', dueDate }).dueDate).toBe(dueDate);
    },
  );
});

describe('actionItemChange', () => {
  it('is no change when the PATCH sets what is stored (nothing to write or tell)', () => {
    expect(
      actionItemChange({
        title: 'Add a canary',
        status: 'open',
        link: 'https://tickets.example.com/OPS-1',
      })(CURRENT),
    ).toBeUndefined();
  });

  it('names the changed fields in their order and the status move', () => {
    const { item, message } = actionItemChange({
      status: 'done',
      title: 'Add two canaries',
    })(CURRENT)!;
    expect(message).toBe(
      'Action item "Add two canaries" changed (title, status): open → done',
    );
    expect(item.title).toBe('Add two canaries');
    expect(item.status).toBe('done');
  });

  it('clears optional fields given null and keeps the others', () => {
    const { item, message } = actionItemChange({
      ownerRef: null,
      dueDate: null,
      link: null,
    })(CURRENT)!;
    expect(item).toEqual({ title: 'Add a canary', status: 'open' });
    expect(message).toBe(
      'Action item "Add a canary" changed (ownerRef, dueDate, link)',
    );
  });

  it('stores a new owner as a full ref; the same owner spelt otherwise is no change', () => {
    const other = actionItemChange({ ownerRef: 'user:default/Jane.Doe' })(
      CURRENT,
    )!;
    expect(other.item.ownerRef).toBe('user:default/jane.doe');
    expect(other.message).toBe('Action item "Add a canary" changed (ownerRef)');
    expect(
      actionItemChange({ ownerRef: 'Group:Default/Payments' })(CURRENT),
    ).toBeUndefined();
  });

  it('refuses bad input when the change is made, before it is applied to anything', () => {
    expect(() => actionItemChange({ link: 'mailto:ops@example.com' })).toThrow(
      'link is not an http(s) address (without a user name or password)',
    );
    expect(() => actionItemChange({ title: '' })).toThrow(
      'title must not be blank',
    );
    expect(() => actionItemChange({ ownerRef: 'api:default/x' })).toThrow(
      'ownerRef must name a user or a group',
    );
    expect(() => actionItemChange({ dueDate: '0000-01-01' })).toThrow(
      'dueDate "0000-01-01" is not a date from 1970 on',
    );
  });

  it('moves the due date to another from 1970 on', () => {
    const { item, message } = actionItemChange({ dueDate: '1970-01-01' })(
      CURRENT,
    )!;
    expect(item.dueDate).toBe('1970-01-01');
    expect(message).toBe('Action item "Add a canary" changed (dueDate)');
  });

  it('stores the owner the catalog was found to hold for a bare name', () => {
    const { item } = actionItemChange({ ownerRef: 'noah.davis' })(
      CURRENT,
      'user:default/noah.davis',
    )!;
    expect(item.ownerRef).toBe('user:default/noah.davis');
  });
});
