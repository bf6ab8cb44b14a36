/**
 * The catalog annotations the backend's trackers read (the ones the community Jira and GitHub
 * plugins use). `providerId` is the backend provider that reads it; `selects` is false for the
 * annotations that only narrow another one (a Jira component or label within a project).
 */
export const BACKLOG_TRACKER_ANNOTATIONS: ReadonlyArray<{
  annotation: string;
  providerId: 'jira' | 'github';
  selects: boolean;
  example: string;
  description: string;
}> = [
  {
    annotation: 'jira/project-key',
    providerId: 'jira',
    selects: true,
    example: 'PAY',
    description: 'the Jira project whose open issues are the backlog',
  },
  {
    annotation: 'jira/component',
    providerId: 'jira',
    selects: false,
    example: 'api',
    description: 'only issues of these components (comma-separated)',
  },
  {
    annotation: 'jira/label',
    providerId: 'jira',
    selects: false,
    example: 'checkout',
    description: 'only issues with one of these labels (comma-separated)',
  },
  {
    annotation: 'jira/all-issues-jql',
    providerId: 'jira',
    selects: true,
    example: 'project = PAY AND component = api',
    description: 'a JQL filter instead of the project key',
  },
  {
    annotation: 'github.com/project-slug',
    providerId: 'github',
    selects: true,
    example: 'acme/payments',
    description: 'the GitHub repository whose open issues are the backlog',
  },
];
