import {
  authorizationSecrets,
  withoutCredentials,
  withoutUserInfo,
} from './withoutCredentials';

describe('authorizationSecrets', () => {
  it('gives a bearer value and its token', () => {
    expect(authorizationSecrets(' Bearer tok-123456 ')).toEqual([
      'Bearer tok-123456',
      'tok-123456',
    ]);
  });

  it('gives a basic value, its base64, the decoded pair and the password', () => {
    const encoded = Buffer.from('alice:pass-123456').toString('base64');
    expect(authorizationSecrets(`Basic ${encoded}`)).toEqual([
      `Basic ${encoded}`,
      encoded,
      'alice:pass-123456',
      'pass-123456',
    ]);
  });
});

describe('withoutCredentials', () => {
  it('blanks out every secret, wherever and however often it appears', () => {
    expect(
      withoutCredentials('key=key-123456, again key-123456; app=app-654321', [
        'key-123456',
        'app-654321',
      ]),
    ).toBe('key=[redacted], again [redacted]; app=[redacted]');
  });

  it('blanks out the longest first, so no part of a whole header value is left', () => {
    expect(
      withoutCredentials('Authorization: Bearer tok-123456', [
        'tok-123456',
        'Bearer tok-123456',
      ]),
    ).toBe('Authorization: [redacted]');
  });

  it('leaves values shorter than six characters (blanking them hides nothing)', () => {
    expect(withoutCredentials('tenant a1 is unknown', ['a1', ''])).toBe(
      'tenant a1 is unknown',
    );
  });

  it('finds a secret configured with surrounding whitespace', () => {
    expect(withoutCredentials('got tok-123456', ['tok-123456\n'])).toBe(
      'got [redacted]',
    );
  });
});

describe('withoutUserInfo', () => {
  it.each([
    [
      'https://jane:pa/ss@jira.example.com',
      'https://[redacted]@jira.example.com',
    ],
    ['jane:secret@jira.example.com', '[redacted]@jira.example.com'],
    ['http://u:a@b@prometheus:9090/x', 'http://[redacted]@prometheus:9090/x'],
    ['not a url', 'not a url'],
    ['http://prometheus:9090', 'http://prometheus:9090'],
  ])('quotes %p as %p', (text, quoted) => {
    expect(withoutUserInfo(text)).toBe(quoted);
  });
});
