import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { BacklogEmptyState } from './BacklogEmptyState';

describe('BacklogEmptyState', () => {
  const alts = () =>
    screen.getAllByRole('img').map(img => img.getAttribute('alt'));

  it('with a tracker named and nothing open, its picture says there is no information, not "no Build"', async () => {
    await renderInTestApp(
      <BacklogEmptyState
        annotations={{ selecting: ['jira/project-key'], narrowingOnly: [] }}
        providers={[]}
      />,
    );
    expect(screen.getByText('No open work items')).toBeInTheDocument();
    expect(alts()).toEqual(['no Information']);
  });

  it('without a tracker, its picture says the annotation is missing', async () => {
    await renderInTestApp(
      <BacklogEmptyState
        annotations={{ selecting: [], narrowingOnly: [] }}
        providers={[]}
      />,
    );
    expect(
      screen.getByText('No issue tracker for this entity'),
    ).toBeInTheDocument();
    expect(alts()).toEqual(['annotation is missing']);
  });
});
