import { parseEntityRef } from '@backstage/catalog-model';
import {
  RoleAttestation,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';

/** A day as words, e.g. `1 Dec 2026`, in the viewer's time zone. */
export function formatDay(iso: string): string {
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

/** `jane` for `user:default/jane`; other namespaces and service subjects as written. */
export function actorName(ref: string): string {
  try {
    const { kind, namespace, name } = parseEntityRef(ref);
    return kind.toLocaleLowerCase('en-US') === 'user' && namespace === 'default'
      ? name
      : ref;
  } catch {
    return ref;
  }
}

/** The attestation of a role in one sentence. */
export function attestationText(
  attestation: RoleAttestation,
  now: Date = new Date(),
): string {
  if (attestation.state === 'none' || !attestation.at) {
    return 'Not confirmed: no one has confirmed its holder in this role';
  }
  const who = actorName(attestation.by ?? 'someone');
  const on = formatDay(attestation.at);
  const until = formatDay(attestation.expiresAt ?? attestation.at);
  if (attestation.state === 'current') {
    return `Confirmed by ${who} on ${on}, valid until ${until}`;
  }
  if (
    attestation.expiresAt &&
    Date.parse(attestation.expiresAt) <= now.getTime()
  ) {
    return `Confirmation expired on ${until} (confirmed by ${who} on ${on})`;
  }
  return `Confirmation no longer valid: the owner changed since ${who} confirmed on ${on}`;
}

/** An exempt role's exemption in one sentence; undefined when the role is not exempt. */
export function exemptionText(evaluation: RoleEvaluation): string | undefined {
  const { exemption } = evaluation;
  if (evaluation.status !== 'exempt' || !exemption) return undefined;
  return `Exempt until ${formatDay(
    exemption.expiresAt,
  )}, granted by ${actorName(exemption.grantedBy)} on ${formatDay(
    exemption.grantedAt,
  )}: ${exemption.reason}. The catalog says: ${
    evaluation.catalogStatus ?? 'unknown'
  }.`;
}
