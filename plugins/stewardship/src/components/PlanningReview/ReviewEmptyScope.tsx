import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  RELATION_PARENT_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  catalogApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { Fragment } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { HeadedEmptyState } from '../HeadedEmptyState';

const TITLE = 'Nothing to review in this scope';

/**
 * A scope with nothing to review: a domain without systems (a system's review holds the system
 * itself, so it is never empty), or a group that owns nothing. A group's review lists what the
 * group owns itself, as the backend reads it (the catalog's `ownedBy` relation), not its teams':
 * an organisation that owns nothing but whose teams own everything showed an empty review with no
 * hint why. Its teams (the catalog's `parentOf` relations) are offered as scopes, in the same
 * period.
 */
export function ReviewEmptyScope(props: { scope: string }) {
  const kind = parseEntityRef(props.scope).kind.toLocaleLowerCase('en-US');
  if (kind !== 'group') {
    return (
      <HeadedEmptyState
        headingLevel={2}
        // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
        missing="info"
        title={TITLE}
        description={
          kind === 'domain'
            ? 'No system is part of it, or none you may see. Pick another scope.'
            : 'Nothing is part of it, or nothing you may see. Pick another scope.'
        }
      />
    );
  }
  return <GroupEmptyScope scope={props.scope} />;
}

function GroupEmptyScope(props: { scope: string }) {
  const catalogApi = useApi(catalogApiRef);
  const [params] = useSearchParams();
  // Its title and its teams' (one read each). Without them (the catalog unreadable, the group
  // gone), the short ref and the explanation alone.
  const { value } = useAsync(async () => {
    const group = await catalogApi.getEntityByRef(props.scope);
    const refs = (group?.relations ?? [])
      .filter(relation => relation.type === RELATION_PARENT_OF)
      .map(relation => relation.targetRef);
    const { items } = refs.length
      ? await catalogApi.getEntitiesByRefs({ entityRefs: refs })
      : { items: [] };
    const teams = items
      .flatMap(team => (team ? [team] : []))
      .map(team => ({
        ref: stringifyEntityRef(team),
        title: entityPresentationSnapshot(team).primaryTitle,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
    return {
      title: group && entityPresentationSnapshot(group).primaryTitle,
      teams,
    };
  }, [catalogApi, props.scope]);
  // The same period, another scope.
  const reviewOf = (ref: string) => {
    const next = new URLSearchParams(params);
    next.set('scope', ref);
    return `?${next}`;
  };
  const teams = value?.teams ?? [];
  const title =
    value?.title ?? entityPresentationSnapshot(props.scope).primaryTitle;
  return (
    <HeadedEmptyState
      headingLevel={2}
      // Backstage's "no Information" picture: "data" would say "no Build" to a screen reader.
      missing="info"
      title={TITLE}
      description={
        <>
          {title} owns nothing directly, or nothing you may see: a group&apos;s
          review lists what the group itself owns, not what its teams own.
          {teams.length > 0 && (
            <>
              {' '}
              Review one of its teams:{' '}
              {teams.map((team, index) => (
                <Fragment key={team.ref}>
                  {index > 0 && ', '}
                  <Link to={reviewOf(team.ref)}>{team.title}</Link>
                </Fragment>
              ))}
              .
            </>
          )}
        </>
      }
    />
  );
}
