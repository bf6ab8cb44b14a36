/*
 * The request bodies of the incident routes and the summary's response, shared by the backend (which receives them after the
 * router has checked them against openapi.yaml) and the frontend client (which sends them).
 */
import { IncidentPeriodFigures } from './incidentFigures';
import { IncidentSeverity, IncidentStatus } from './types';

/**
 * A new incident, the body of `POST /incidents`. Moments are ISO 8601 and must be in the order
 * `startedAt` ≤ `detectedAt` ≤ `acknowledgedAt` ≤ `mitigatedAt` ≤ `resolvedAt`; a 400 names the
 * field that breaks it.
 *
 * @public
 */
export interface IncidentCreateRequest {
  /** The entity it belongs to; a bare name means a component. */
  entityRef: string;
  /** Other entities it affected. */
  affectedEntityRefs?: string[];
  /** A short summary. */
  title: string;
  /** Longer free text. */
  description?: string;
  /** How bad it is. */
  severity: IncidentSeverity;
  /** Where it is in its life; default `triggered`. */
  status?: IncidentStatus;
  /** When the failure began, if known. */
  startedAt?: string;
  /** When it was noticed; default now. */
  detectedAt?: string;
  /** When a responder took it on. */
  acknowledgedAt?: string;
  /** When users stopped being hurt. */
  mitigatedAt?: string;
  /** When it was closed. */
  resolvedAt?: string;
  /** Ids of the SLOs whose error budget it spent. */
  affectedSloIds?: string[];
  /** The postmortem document, http(s). */
  postmortemUrl?: string;
  /** An exercise, reported apart from real incidents. */
  fireDrill?: boolean;
  /** How it was recorded; default `manual` for a user, `api` for a service token. */
  source?: 'manual' | 'api';
  /** Its id in another tool; unique per source (a 409 when taken). */
  externalId?: string;
  /** Its page in another tool, http(s). */
  externalUrl?: string;
}

/**
 * Changes to an incident, the body of `PATCH /incidents/{id}`: only the fields given change, `null`
 * clears an optional one. `version` is the version last read (a 409 when someone changed it since).
 *
 * @public
 */
export interface IncidentPatchRequest {
  /** The version last read. */
  version: number;
  /** The entity it belongs to, when it was recorded against the wrong one. */
  entityRef?: string;
  /** Other entities it affected. */
  affectedEntityRefs?: string[];
  /** A new title. */
  title?: string;
  /** A new description, or null for none. */
  description?: string | null;
  /** A new severity. */
  severity?: IncidentSeverity;
  /** When the failure began, or null when unknown. */
  startedAt?: string | null;
  /** When it was noticed. */
  detectedAt?: string;
  /** A new status; its moment is now unless given. */
  status?: IncidentStatus;
  /** When a responder took it on. */
  acknowledgedAt?: string | null;
  /** When users stopped being hurt. */
  mitigatedAt?: string | null;
  /** When it was closed. */
  resolvedAt?: string | null;
  /** The postmortem document, http(s). */
  postmortemUrl?: string | null;
  /** Whether it is an exercise. */
  fireDrill?: boolean;
  /** Ids of the SLOs whose error budget it spent. */
  affectedSloIds?: string[];
  /** Added to the timeline as a note. */
  note?: string;
}

/**
 * A new action item, the body of `POST /incidents/{id}/action-items`.
 *
 * @public
 */
export interface IncidentActionItemCreateRequest {
  /** What to do. */
  title: string;
  /** Who does it: a user or group ref (a bare name means a group). */
  ownerRef?: string;
  /** When it is due, `YYYY-MM-DD`. */
  dueDate?: string;
  /** Default `open`. */
  status?: 'open' | 'done';
  /** A link to the ticket or document, http(s). */
  link?: string;
}

/**
 * Changes to an action item, the body of `PATCH /incidents/{id}/action-items/{itemId}`; `null`
 * clears an optional field.
 *
 * @public
 */
export interface IncidentActionItemPatchRequest {
  /** A new title. */
  title?: string;
  /** A new owner, or null for none. */
  ownerRef?: string | null;
  /** A new due date (`YYYY-MM-DD`), or null for none. */
  dueDate?: string | null;
  /** `open` or `done`. */
  status?: 'open' | 'done';
  /** A new link, or null for none. */
  link?: string | null;
}

/**
 * An entity's incident figures over a period, the body of
 * `GET /entities/{kind}/{namespace}/{name}/incidents/summary`. The figures are defined in the
 * common package (`summarizeIncidents`).
 *
 * @public
 */
export interface EntityIncidentSummary extends IncidentPeriodFigures {
  /** The entity, as the backend normalised its ref. */
  entityRef: string;
}
