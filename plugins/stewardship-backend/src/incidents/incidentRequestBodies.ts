import {
  IncidentSeverity,
  IncidentStatus,
} from '@stewardship/backstage-plugin-stewardship-common';

// The request bodies of the incident routes, as src/schema/openapi.yaml describes them (the
// router has checked their shape before a handler sees them).

/** The body of `POST /incidents`, as the spec describes it. */
export interface IncidentCreateBody {
  entityRef: string;
  affectedEntityRefs?: string[];
  title: string;
  description?: string;
  severity: IncidentSeverity;
  status?: IncidentStatus;
  startedAt?: string;
  detectedAt?: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  affectedSloIds?: string[];
  postmortemUrl?: string;
  fireDrill?: boolean;
  source?: 'manual' | 'api';
  externalId?: string;
  externalUrl?: string;
}

/** The body of `PATCH /incidents/{id}`: null clears an optional field. */
export interface IncidentPatchBody {
  version: number;
  entityRef?: string;
  affectedEntityRefs?: string[];
  title?: string;
  description?: string | null;
  severity?: IncidentSeverity;
  status?: IncidentStatus;
  startedAt?: string | null;
  detectedAt?: string;
  acknowledgedAt?: string | null;
  mitigatedAt?: string | null;
  resolvedAt?: string | null;
  affectedSloIds?: string[];
  postmortemUrl?: string | null;
  fireDrill?: boolean;
  note?: string;
}

/** The body of `POST /incidents/{id}/action-items`. */
export interface ActionItemCreateBody {
  title: string;
  ownerRef?: string;
  dueDate?: string;
  status?: 'open' | 'done';
  link?: string;
}

/** The body of `PATCH /incidents/{id}/action-items/{itemId}`. */
export interface ActionItemPatchBody {
  title?: string;
  ownerRef?: string | null;
  dueDate?: string | null;
  status?: 'open' | 'done';
  link?: string | null;
}
