import { fieldNamedIn } from './responseErrors';

describe('fieldNamedIn', () => {
  const fields = ['justification', 'expiresAt'] as const;

  it('finds the field the spec validator names', () => {
    expect(
      fieldNamedIn(
        'request/body/justification must NOT have more than 2000 characters',
        fields,
      ),
    ).toBe('justification');
  });

  it('finds the field the server quotes, in either quotes', () => {
    expect(
      fieldNamedIn(
        'Invalid request body "expiresAt": at most 7 days from now',
        fields,
      ),
    ).toBe('expiresAt');
    expect(fieldNamedIn("'expiresAt' must be in the future", fields)).toBe(
      'expiresAt',
    );
  });

  it('names no field when the message is about none of them', () => {
    expect(fieldNamedIn('No entity component:default/x', fields)).toBe(
      undefined,
    );
    // A bare word is not a field reference.
    expect(fieldNamedIn('justification needed', fields)).toBe(undefined);
  });
});
