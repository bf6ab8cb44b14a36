import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/** Kinds an actor's ref names a person or team by; a service principal's subject is none of them. */
const PEOPLE_KINDS = ['user', 'group'];

/** The user or group ref `actor` names, or undefined when it is not one (a service's subject). */
export function peopleRefOf(actor: string): string | undefined {
  let kind: string;
  try {
    // Without a default kind, a bare name (a service's subject) throws rather than parses.
    kind = parseEntityRef(actor).kind;
  } catch {
    return undefined;
  }
  return PEOPLE_KINDS.includes(kind.toLocaleLowerCase('en-US'))
    ? actor
    : undefined;
}

/**
 * Who made a change, as the backend records it (the user's entity ref or a service's subject):
 * a user or group as the catalog presents it, linking to its page; anything else as written.
 */
export function ActorName(props: { actor: string }) {
  const ref = peopleRefOf(props.actor);
  return ref ? <EntityRefLink entityRef={ref} /> : <>{props.actor}</>;
}
