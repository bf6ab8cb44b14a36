import { httpLink } from './httpLink';

describe('httpLink', () => {
  it.each([
    'https://jira.example.com/browse/PAY-1',
    'http://localhost:7007/catalog/default/component/a/slos',
    'https://prometheus.example.com/graph?g0.expr=sum%28rate%28x%5B5m%5D%29%29&g0.tab=0',
  ])('keeps the http(s) address %s', link => {
    expect(httpLink(link)).toBe(link);
  });

  it.each([
    [
      'HTTPS://GitHub.com/acme/shop/issues/1',
      'https://github.com/acme/shop/issues/1',
    ],
    [
      ' https://jira.example.com/browse/PAY-1 ',
      'https://jira.example.com/browse/PAY-1',
    ],
    ['ht\ttps://jira.example.com/x', 'https://jira.example.com/x'],
  ])('writes %j as the parser reads it: %j', (link, written) => {
    expect(httpLink(link)).toBe(written);
  });

  it.each([
    // eslint-disable-next-line no-script-url -- refusing it is the point
    ['javascript:alert(1)'],
    [' javascript:alert(1)'],
    // eslint-disable-next-line no-script-url -- refusing it is the point
    ['JavaScript:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['//evil.example/x'],
    ['/\\evil.example/x'],
    ['/catalog/default/component/a'],
    ['ftp://files.example.com/x'],
    ['https://user:pw@jira.example.com/'],
    ['https://jira.example.com@evil.example/'],
    ['not a url'],
    [''],
  ])('refuses %j', link => {
    expect(httpLink(link)).toBeUndefined();
  });

  it('is undefined for no link', () => {
    expect(httpLink(undefined)).toBeUndefined();
  });
});
