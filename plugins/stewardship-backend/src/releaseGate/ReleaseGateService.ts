/*
 * The release gate: the error-budget policy applied to an entity's latest stored SLO statuses
 * (never a metric-source query), and the overrides that let a team ship past a block.
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ReleaseGate,
  ReleaseGateNote,
  ReleaseGateOverride,
  ReleaseGateReason,
  allowedWithoutData,
  applyOverride,
  decideReleaseGate,
  explanationWithLastKnown,
  formatInstant,
  lastKnownBreach,
  releaseGateNoteText,
  stewardshipReleaseGateOverridePermission,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ReleaseGateOverrideStore } from '../database/ReleaseGateOverrideStore';
import { SloStore } from '../database/SloStore';
import { checkFreeText } from '../incidents/incidentInput';
import { actorOf } from '../lib/actorOf';
import { EntityPermissions } from '../lib/EntityPermissions';
import { momentProblem } from '../lib/momentProblem';
import { SloService } from '../slo/SloService';
import { ReleaseGateSettings, policyForEntity } from './errorBudgetPolicy';
import { gateValidUntil } from './gateValidUntil';

/** The gate's answer. */
export type ReleaseGateAnswer = ReleaseGate;

/** At most this many characters of justification. */
export const MAX_JUSTIFICATION_LENGTH = 2000;

export class ReleaseGateService {
  constructor(
    private readonly deps: {
      catalog: CatalogService;
      slos: SloService;
      /** Where a reason without data finds its SLO's last known state. */
      snapshots: Pick<SloStore, 'lastKnownStates'>;
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
    const decided = decideReleaseGate(statuses, policy);
    const { decision, countedSlos } = decided;
    const allowed = allowedWithoutData(statuses, policy);
    const { reasons, notes } = await this.withLastKnown(
      decided.reasons,
      allowed,
      moment,
    );
    const override =
      decision === 'block'
        ? await this.deps.overrides.activeOverride(entityRef, moment)
        : undefined;
    // A past moment's answer never changes; the gate of now does when an evaluation ages.
    const validUntil =
      at === undefined
        ? gateValidUntil(
            statuses,
            policy,
            this.deps.slos.stalenessSeconds * 1000,
            override,
          )
        : undefined;
    return {
      entityRef,
      decision: applyOverride(decision, override),
      policyDecision: decision,
      reasons,
      countedSlos,
      ...(allowed.length > 0 && { countedWithoutData: allowed.length }),
      policy,
      ...(override && { override }),
      evaluatedAt: moment.toISOString(),
      ...(validUntil && { validUntil }),
      ...(problems.length > 0 && { policyProblems: problems }),
      ...(notes.length > 0 && { notes }),
    };
  }

  /**
   * The reasons, each one without data (`no-data`, never evaluated or `stale`) with its SLO's last
   * known state as of `moment` when it has one; and the notes: of the SLOs the policy allows
   * without data (`allowed`), those last known exhausted or at risk. One store read, for those
   * SLOs only, and none when no SLO lacks data. The decision is not changed by it.
   */
  private async withLastKnown(
    reasons: ReleaseGateReason[],
    allowed: ReleaseGateReason[],
    moment: Date,
  ): Promise<{ reasons: ReleaseGateReason[]; notes: ReleaseGateNote[] }> {
    const withoutData = (reason: ReleaseGateReason) =>
      reason.status === 'no-data' || reason.status === 'stale';
    const ids = [...reasons.filter(withoutData), ...allowed].map(
      reason => reason.slo.id,
    );
    if (ids.length === 0) return { reasons, notes: [] };
    const known = await this.deps.snapshots.lastKnownStates(ids, moment);
    const notes = allowed.flatMap((reason): ReleaseGateNote[] => {
      const lastKnown = lastKnownBreach(known.get(reason.slo.id));
      return lastKnown
        ? [
            {
              slo: reason.slo,
              status: reason.status as ReleaseGateNote['status'],
              explanation: reason.explanation,
              lastKnown,
            },
          ]
        : [];
    });
    return {
      reasons: reasons.map(reason => {
        // Only the SLOs asked about have one.
        const lastKnown = known.get(reason.slo.id);
        return lastKnown ? { ...reason, lastKnown } : reason;
      }),
      notes,
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
    // The spec's date-time format lets through what no clock shows (a leap second, 23:59:60), which
    // is the client's mistake to be named, not an expiry "in the past".
    const problem = momentProblem(new Date(expires));
    if (problem) {
      throw new InputError(
        `Invalid request body "expiresAt": "${body.expiresAt}" ${problem}`,
      );
    }
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

const CONTROL_BUT_TAB_AND_LINE_FEED =
  // C0 but tab and line feed, DEL, C1, the line and paragraph separators and the bidirectional
  // embeddings, overrides and isolates (which reorder what a CI log shows of a line).
  // eslint-disable-next-line no-control-regex -- matching them is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * The text with its control characters (C0, DEL and C1) other than tabs and line feeds written as
 * escapes (`\u001b`), so none reaches a CI log as itself: an escape sequence could rewrite the
 * lines above it, a carriage return hide the start of its own. New justifications are checked for
 * them, but one stored before that check may hold one, as may a source's answer quoted in a
 * no-data reason.
 */
export function escapeControlCharacters(text: string): string {
  return text.replace(
    CONTROL_BUT_TAB_AND_LINE_FEED,
    character => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The gate as text for a CI log: the decision first (with how many SLOs counted, and how many of
 * those the policy allowed without data), then one line per reason (a reason without
 * data followed by its SLO's last known state), then one line per note (`note <SLO>: …`, an SLO
 * the policy allows without data that was last known exhausted or at risk). Moments are written as the reasons and the card
 * write them (to the minute, UTC), not as raw ISO times. Control characters other than tabs and
 * line feeds are escaped ({@link escapeControlCharacters}).
 */
/** `, 2 of them allowed without data` (`, allowed without data` for the one SLO), or nothing. */
function withoutDataText(gate: ReleaseGateAnswer): string {
  if (!gate.countedWithoutData) return '';
  return gate.countedSlos === 1
    ? ', allowed without data'
    : `, ${gate.countedWithoutData} of them allowed without data`;
}

export function releaseGateText(gate: ReleaseGateAnswer): string {
  const lines = [
    `${gate.decision}: ${gate.entityRef} (${gate.countedSlos} SLO${
      gate.countedSlos === 1 ? '' : 's'
    } counted${withoutDataText(gate)}, as of ${formatInstant(
      gate.evaluatedAt,
    )})`,
  ];
  for (const reason of gate.reasons) {
    lines.push(
      `${reason.decision} ${reason.slo.name}: ${explanationWithLastKnown(
        reason,
      )}`,
    );
  }
  for (const note of gate.notes ?? []) {
    lines.push(`note ${note.slo.name}: ${releaseGateNoteText(note)}`);
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
  return escapeControlCharacters(`${lines.join('\n')}\n`);
}
