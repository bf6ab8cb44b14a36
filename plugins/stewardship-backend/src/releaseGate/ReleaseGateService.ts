/*
 * The release gate: the error-budget policy applied to an entity's latest stored SLO statuses
 * (never a metric-source query), and the overrides that let a team ship past a block.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ReleaseGate,
  ReleaseGateOverride,
  applyOverride,
  decideReleaseGate,
  formatInstant,
  stewardshipReleaseGateOverridePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ReleaseGateOverrideStore } from '../database/ReleaseGateOverrideStore';
import { checkFreeText } from '../incidents/incidentInput';
import { actorOf } from '../lib/actorOf';
import { EntityPermissions } from '../lib/EntityPermissions';
import { SloService } from '../slo/SloService';
import { ReleaseGateSettings, policyForEntity } from './errorBudgetPolicy';

/** The gate's answer. */
export type ReleaseGateAnswer = ReleaseGate;

/** At most this many characters of justification. */
export const MAX_JUSTIFICATION_LENGTH = 2000;

export class ReleaseGateService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      slos: SloService;
      overrides: ReleaseGateOverrideStore;
      /** Decides who may override which entity's gate. */
      permissions: EntityPermissions;
      settings: ReleaseGateSettings;
      now?: () => Date;
    },
  ) {}

  private now() {
    return (this.deps.now ?? (() => new Date()))();
  }

  /** The gate as of `at` (default now); the entity is read with the caller's credentials. */
  async evaluate(
    entityRef: string,
    at: Date | undefined,
    credentials: BackstageCredentials,
  ): Promise<ReleaseGateAnswer> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    const { policy, problems } = policyForEntity(
      this.deps.settings.policy,
      entity,
    );
    // Validates `at` (not in the future) before anything else reads it.
    const statuses = await this.deps.slos.entityStatuses(entityRef, at);
    const moment = at ?? this.now();
    const { decision, reasons, countedSlos } = decideReleaseGate(
      statuses,
      policy,
    );
    const override =
      decision === 'block'
        ? await this.deps.overrides.activeOverride(entityRef, moment)
        : undefined;
    return {
      entityRef,
      decision: applyOverride(decision, override),
      policyDecision: decision,
      reasons,
      countedSlos,
      policy,
      ...(override && { override }),
      evaluatedAt: moment.toISOString(),
      ...(problems.length > 0 && { policyProblems: problems }),
    };
  }

  /**
   * Records an override. The entity must be visible to the caller; the expiry must be in the
   * future and within the configured maximum.
   */
  async createOverride(
    entityRef: string,
    body: { justification: string; expiresAt: string },
    credentials: BackstageCredentials,
  ): Promise<ReleaseGateOverride> {
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    await this.deps.permissions.authorize(
      credentials,
      stewardshipReleaseGateOverridePermission,
      entityRef,
    );
    const justification = body.justification.trim();
    if (!justification) {
      throw new InputError(
        'Invalid request body "justification": say why the release may go ahead',
      );
    }
    // Printed into CI logs (?format=text): no escape sequences; tabs and line feeds, as in a
    // correction's reason.
    checkFreeText('Invalid request body "justification":', justification);
    const now = this.now().getTime();
    const expires = Date.parse(body.expiresAt);
    if (!(expires > now)) {
      throw new InputError(
        'Invalid request body "expiresAt": must be in the future',
      );
    }
    const maxMs = this.deps.settings.maxOverrideMs;
    if (expires - now > maxMs) {
      throw new InputError(
        `Invalid request body "expiresAt": an override lasts at most ${
          maxMs / 86_400_000
        } days (stewardship.errorBudgetPolicy.maxOverrideDays)`,
      );
    }
    return this.deps.overrides.createOverride({
      entityRef,
      justification,
      createdBy: actorOf(credentials),
      expiresAt: new Date(expires).toISOString(),
    });
  }
}

/**
 * The gate as text for a CI log: the decision first, then one line per reason. Moments are
 * written as the reasons and the card write them (to the minute, UTC), not as raw ISO times.
 */
export function releaseGateText(gate: ReleaseGateAnswer): string {
  const lines = [
    `${gate.decision}: ${gate.entityRef} (${gate.countedSlos} SLO${
      gate.countedSlos === 1 ? '' : 's'
    } counted, as of ${formatInstant(gate.evaluatedAt)})`,
  ];
  for (const reason of gate.reasons) {
    lines.push(`${reason.decision} ${reason.slo.name}: ${reason.explanation}`);
  }
  if (gate.override) {
    lines.push(
      `override: ${gate.policyDecision} → ${
        gate.decision
      } until ${formatInstant(gate.override.expiresAt)}, by ${
        gate.override.createdBy
      }: ${
        // Its further lines indented: none of them reads as a line of the gate's own.
        gate.override.justification.replace(/\n/g, '\n  ')
      }`,
    );
  }
  for (const problem of gate.policyProblems ?? []) {
    lines.push(`policy: ${problem}`);
  }
  return `${lines.join('\n')}\n`;
}
