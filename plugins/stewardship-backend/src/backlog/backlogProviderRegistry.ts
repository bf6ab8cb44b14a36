import { Config } from '@backstage/config';
import {
  BacklogProvider,
  StewardshipBacklogProvidersExtensionPoint,
} from '@stewardship/backstage-plugin-stewardship-node';
import { IncidentStore } from '../database/IncidentStore';
import { SloStore } from '../database/SloStore';
import { SloService } from '../slo/SloService';
import { ActionItemBacklogProvider } from './ActionItemBacklogProvider';
import { GithubBacklogProvider } from './GithubBacklogProvider';
import { JiraBacklogProvider } from './JiraBacklogProvider';
import { SloBacklogProvider } from './SloBacklogProvider';

/** The ids of the built-in providers, in the order their equal ranks are listed. */
export const BUILT_IN_BACKLOG_PROVIDERS = [
  'slos',
  'incident-action-items',
  'jira',
  'github',
] as const;

/**
 * The backlog providers: the built-in ones, created at init (they need the database and config),
 * and those modules add through the extension point before that. An id registered twice, or a
 * built-in one, stops the backend.
 */
export class BacklogProviderRegistry {
  private readonly added = new Map<string, BacklogProvider>();

  readonly extensionPoint: StewardshipBacklogProvidersExtensionPoint = {
    addBacklogProvider: provider => {
      if (
        (BUILT_IN_BACKLOG_PROVIDERS as readonly string[]).includes(
          provider.id,
        ) ||
        this.added.has(provider.id)
      ) {
        throw new Error(
          `A backlog provider "${provider.id}" is already registered`,
        );
      }
      this.added.set(provider.id, provider);
    },
  };

  /** Built-in providers first (built-in items, then Jira, then GitHub), then modules' in order. */
  create(deps: {
    config: Config;
    slos: Pick<SloService, 'entityStatuses' | 'breachStartedAt'>;
    snapshots: Pick<SloStore, 'lastKnownStates'>;
    incidents: Pick<IncidentStore, 'listOpenActionItems'>;
  }): BacklogProvider[] {
    const { config } = deps;
    return [
      new SloBacklogProvider({
        slos: deps.slos,
        snapshots: deps.snapshots,
        appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
      }),
      new ActionItemBacklogProvider(deps.incidents),
      JiraBacklogProvider.fromConfig(config),
      GithubBacklogProvider.fromConfig(config),
      ...this.added.values(),
    ];
  }
}
