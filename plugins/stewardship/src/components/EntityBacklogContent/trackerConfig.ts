/** The app-config a tracker needs, shown when its provider fails or the entity names none. */
export const TRACKER_CONFIG: Record<string, string> = {
  jira: `stewardship:
  backlog:
    jira:
      baseUrl: https://your-company.atlassian.net
      product: cloud            # or datacenter
      email: \${JIRA_EMAIL}       # Cloud: basic auth with an API token
      apiToken: \${JIRA_API_TOKEN}
      # token: \${JIRA_PAT}      # Data Center: a personal access token instead`,
  github: `integrations:
  github:
    - host: github.com
      token: \${GITHUB_TOKEN}     # may read the repository's issues`,
};

/** Where each tracker's settings are documented: the backend package's README (see `SLO_DOCS`). */
export const TRACKER_DOCS =
  'the README of @stewardship/backstage-plugin-stewardship-backend, section “Backlog”';
