import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';

/** Who made a change, for audit logs and timelines: the user's entity ref or the service's subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | BackstageUserPrincipal
    | BackstageServicePrincipal;
  return principal.type === 'user'
    ? principal.userEntityRef
    : principal.subject;
}
