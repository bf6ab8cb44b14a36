import { incidentFieldErrors } from './incidentFieldErrors';

const keys = [
  'title',
  'startedAt',
  'detectedAt',
  'postmortemUrl',
  'affectedSloIds',
];

describe('incidentFieldErrors', () => {
  it('gives an order problem to the later moment it names', () => {
    expect(
      incidentFieldErrors(
        'Invalid incident: detectedAt (2026-11-01T09:00:00.000Z) is before startedAt (2026-11-01T10:00:00.000Z); the moments must be in the order startedAt ≤ detectedAt',
        keys,
      ),
    ).toEqual({
      fields: {
        detectedAt:
          'detectedAt (2026-11-01T09:00:00.000Z) is before startedAt (2026-11-01T10:00:00.000Z); the moments must be in the order startedAt ≤ detectedAt',
      },
      unmatched: [],
    });
  });

  it('reads the spec validator and the field checks alike', () => {
    expect(
      incidentFieldErrors(
        'request/body/title must NOT have more than 200 characters',
        keys,
      ).fields,
    ).toEqual({ title: 'must NOT have more than 200 characters' });
    expect(
      incidentFieldErrors('postmortemUrl is not an http(s) address', keys)
        .fields,
    ).toEqual({ postmortemUrl: 'postmortemUrl is not an http(s) address' });
    expect(
      incidentFieldErrors('affectedSloIds/0: no SLO with id 42', keys).fields,
    ).toEqual({ affectedSloIds: 'affectedSloIds/0: no SLO with id 42' });
  });

  it('keeps what names no field of the form', () => {
    expect(
      incidentFieldErrors(
        'entityRef: component:default/x is not in the catalog',
        keys,
      ),
    ).toEqual({
      fields: {},
      unmatched: ['entityRef: component:default/x is not in the catalog'],
    });
  });
});
