import { toCsv } from './toCsv';

describe('toCsv', () => {
  it('writes RFC 4180: CRLF after every line, quotes around commas, quotes, CR and LF', () => {
    expect(
      toCsv([
        ['name', 'note'],
        ['a, b', 'say "hi"'],
        ['two\nlines', 'cr\rhere'],
        ['', 'plain'],
      ]),
    ).toBe(
      'name,note\r\n"a, b","say ""hi"""\r\n"two\nlines","cr\rhere"\r\n,plain\r\n',
    );
  });

  it('keeps text a spreadsheet would run as a formula inert, and numbers numbers', () => {
    expect(
      toCsv([
        ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'a=1'],
        [-0.25, 0, 1e-7],
      ]),
    ).toBe(`'=1+1,'+1,'-1,'@SUM(A1),'\tx,"'\rx",a=1\r\n-0.25,0,1e-7\r\n`);
  });
});
