import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Stewardship plugin. */
  stewardship?: {
    ownership?: {
      /**
       * The entities the ownership policy covers: a kind, optionally narrowed to some
       * `spec.type` values. Defaults to Component, API, System and Domain.
       */
      appliesTo?: Array<{
        kind: string;
        /** One type or a list; omitted means every type of the kind. */
        type?: string | string[];
      }>;
      /**
       * The roles every covered entity must have. Defaults to all three.
       * Roles left out are still shown, but do not make an entity fail.
       */
      requiredRoles?: Array<'business' | 'product' | 'engineering'>;
      /**
       * Whether a role declared on an entity's system or domain counts for the entity.
       * Defaults to true.
       */
      inheritance?: boolean;
      /**
       * How often the scorecard snapshot that feeds the trend is refreshed.
       * Defaults to every hour; one snapshot is kept per day.
       */
      snapshotSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
