import {
  PROMETHEUS_KEY_LABEL,
  combineQueries,
  hasWindowPlaceholder,
  isWholeSum,
  renderEventQuery,
} from './prometheusQueries';

describe('renderEventQuery', () => {
  it('wraps a selector as sum(increase(selector[range]))', () => {
    expect(
      renderEventQuery(' http_requests_total{code!~"5.."} ', 2592000),
    ).toBe('sum(increase(http_requests_total{code!~"5.."}[2592000s]))');
  });

  it('substitutes every {{.window}} and sums only what may be several series', () => {
    expect(
      renderEventQuery(
        'sum(increase(a[{{.window}}])) - sum(increase(b[{{ .window }}]))',
        300,
      ),
    ).toBe('sum(sum(increase(a[300s])) - sum(increase(b[300s])))');
    expect(
      renderEventQuery('sum(increase(a{x=~"(a|b))"}[{{.window}}]))', 60),
    ).toBe('sum(increase(a{x=~"(a|b))"}[60s]))');
    expect(renderEventQuery('increase(a[{{.window}}])', 60)).toBe(
      'sum(increase(a[60s]))',
    );
  });
});

describe('isWholeSum', () => {
  it.each([
    ['sum(x)', true],
    ['sum (rate(x[5m]))', true],
    ['sum(x) by (code)', false],
    ['sum by (code) (x)', false],
    ['sum(x) / sum(y)', false],
    ['sum(x{a=")"})', true],
    ['sum(x{a="\\")"})', true],
    ['count(x)', false],
    ['sum(x', false],
  ])('%s → %s', (expression, expected) => {
    expect(isWholeSum(expression)).toBe(expected);
  });
});

describe('combineQueries', () => {
  it('tags each part with its index and ors them together', () => {
    expect(combineQueries(['sum(a)', 'sum(b)'])).toBe(
      `label_replace(sum(a), "${PROMETHEUS_KEY_LABEL}", "0", "", "") or label_replace(sum(b), "${PROMETHEUS_KEY_LABEL}", "1", "", "")`,
    );
  });

  it('recognises the placeholder with or without spaces', () => {
    expect(hasWindowPlaceholder('x[{{.window}}]')).toBe(true);
    expect(hasWindowPlaceholder('x[{{ .window }}]')).toBe(true);
    expect(hasWindowPlaceholder('x{job="api"}')).toBe(false);
  });
});
