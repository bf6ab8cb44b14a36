import { assertHeaderValue, withoutHeaderValues } from './requestHeaderValue';

describe('request header values', () => {
  it('accepts what fetch sends and refuses what it refuses, as fetch decides', () => {
    // Trimmed as fetch trims it: a token file's trailing newline is fine.
    for (const [value, sent] of [
      ['Bearer abc.DEF-123', 'Bearer abc.DEF-123'],
      ['tenant\t1', 'tenant\t1'],
      ['café', 'café'],
      ['tok\n', 'tok'],
      [' tok \r\n', 'tok'],
    ]) {
      expect(assertHeaderValue(value, 'x')).toBe(sent);
      expect(new Headers({ x: value }).get('x')).toBe(sent);
    }
    for (const value of [
      'tok\npart2',
      'a\r\nX-Evil: 1',
      'nul\u0000',
      'snow☃',
    ]) {
      expect(() => assertHeaderValue(value, 'The token')).toThrow(
        /^The token holds a line break/,
      );
      // (fetch's TypeError is from another realm than the test's: matched by its words.)
      expect(() => new Headers({ x: value })).toThrow(
        /invalid header value|ByteString/,
      );
    }
  });

  it('drops the value fetch quotes when it refuses a header, and keeps other reasons', () => {
    let reason = '';
    try {
      expect(new Headers({ Authorization: 'Bearer tok-S3CR3T\npart2' })).toBe(
        'never: the header is refused',
      );
    } catch (error) {
      reason = (error as Error).message;
    }
    expect(reason).toContain('S3CR3T');
    expect(withoutHeaderValues(reason)).toBe(
      'a request header is not valid (check the configured credentials and headers)',
    );
    expect(withoutHeaderValues('ECONNREFUSED')).toBe('ECONNREFUSED');
  });
});
