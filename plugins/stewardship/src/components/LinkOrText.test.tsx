import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { LinkOrText } from './LinkOrText';

describe('LinkOrText', () => {
  it('links an http(s) address', async () => {
    await renderInTestApp(
      <LinkOrText href="https://jira.example.com/browse/PAY-1">
        PAY-1
      </LinkOrText>,
    );
    expect(screen.getByRole('link', { name: /PAY-1/ })).toHaveAttribute(
      'href',
      'https://jira.example.com/browse/PAY-1',
    );
  });

  it.each([
    // core-components' Link throws on this one: the whole view would be an error.
    // eslint-disable-next-line no-script-url -- refusing it is the point
    'javascript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/phish',
    '/\\evil.example/x',
    'https://jira.example.com@evil.example/',
    undefined,
  ])('shows the text alone for %j', async href => {
    await renderInTestApp(<LinkOrText href={href}>PAY-1</LinkOrText>);
    expect(screen.getByText('PAY-1')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });
});
