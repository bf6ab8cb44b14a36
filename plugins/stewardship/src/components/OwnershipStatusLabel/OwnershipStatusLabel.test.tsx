import { OwnershipStatus } from '@stewardship/backstage-plugin-stewardship-common';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { OwnershipStatusLabel } from './OwnershipStatusLabel';

describe('OwnershipStatusLabel', () => {
  it.each<[OwnershipStatus, boolean, string]>([
    ['ok', true, 'Status ok'],
    ['orphaned', true, 'Status warning'],
    ['exempt', true, 'Status pending'],
    ['missing', true, 'Status error'],
    ['unresolved', true, 'Status error'],
    ['invalid', true, 'Status error'],
    // A problem on a role the policy does not require is a warning.
    ['missing', false, 'Status warning'],
    ['invalid', false, 'Status warning'],
    // A status newer than this UI.
    ['disputed' as OwnershipStatus, true, 'Status aborted'],
  ])(
    'shows %s (required: %s) as a word a screen reader reads, beside the %s icon',
    async (status, required, icon) => {
      const { container } = await renderInTestApp(
        <OwnershipStatusLabel status={status} required={required} />,
      );
      // Backstage's status icons are aria-hidden with everything inside them: the word must
      // not be in there, or assistive technology never hears the status.
      expect(
        screen.getByText(status).closest('[aria-hidden="true"]'),
      ).toBeNull();
      const icons = container.querySelectorAll(
        '[aria-hidden="true"][aria-label]',
      );
      expect([...icons].map(i => i.getAttribute('aria-label'))).toEqual([icon]);
    },
  );

  it('keeps the status word whole, so a narrow card does not break it mid-word', async () => {
    const { container } = await renderInTestApp(
      <OwnershipStatusLabel status="unresolved" />,
    );
    // Backstage's table cells break words anywhere; no wrapping inside the label wins over that.
    const whiteSpace: string[] = [];
    for (
      let el: HTMLElement | null = screen.getByText('unresolved');
      el && el !== container;
      el = el.parentElement
    ) {
      whiteSpace.push(getComputedStyle(el).whiteSpace);
    }
    expect(whiteSpace).toContain('nowrap');
  });
});
