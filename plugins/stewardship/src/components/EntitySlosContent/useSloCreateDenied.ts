import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { stewardshipSloCreatePermission } from '@stewardship/backstage-plugin-stewardship-common';
import { useEffect, useRef, useState } from 'react';

// `AuthorizeResult.DENY` and `.ALLOW`: their package is only a dev dependency of this plugin, and
// the permission API resolves conditional decisions to ALLOW or DENY before they get here.
const DENY: string = 'DENY';
const ALLOW: string = 'ALLOW';

/** The permission policy's answer on adding SLOs to one entity; `failed`: no answer came. */
export type SloCreateDecision = 'allowed' | 'denied' | 'failed';

/**
 * The policy's answers on adding SLOs to each of `entityRefs`, asked once per entity for the
 * page's life: an entity not (yet) in the map is being asked about. Shared by the tab's buttons
 * and its "may add to none" notice, so each entity is asked once and every part of the tab
 * shows the same answer at the same moment. Keyed by entity, so a new list never shows an answer
 * given for another: its new entities are unknown until answered. A failed check is asked again
 * on the next change of the list or of `recheck` (Try again): it keeps its `failed` until then.
 */
export function useSloCreateDecisions(
  entityRefs: readonly string[],
  recheck: number = 0,
): ReadonlyMap<string, SloCreateDecision> {
  const permissionApi = useApi(permissionApiRef);
  const [answers, setAnswers] = useState<{
    api: typeof permissionApi;
    byRef: ReadonlyMap<string, SloCreateDecision>;
  }>({ api: permissionApi, byRef: new Map() });
  // The entities asked about, answered or not, with the API asked.
  const asked = useRef({ api: permissionApi, refs: new Set<string>() });
  // One key for the list: a new array of the same entities asks nothing again.
  const key = entityRefs.join('\n');

  useEffect(() => {
    if (asked.current.api !== permissionApi) {
      asked.current = { api: permissionApi, refs: new Set() };
    }
    const refs = asked.current.refs;
    for (const resourceRef of key ? key.split('\n') : []) {
      if (refs.has(resourceRef)) continue;
      refs.add(resourceRef);
      const answered = (decision: SloCreateDecision) =>
        setAnswers(previous => {
          // An answer from an API since replaced is not this page's.
          if (asked.current.api !== permissionApi) return previous;
          const byRef = new Map(
            previous.api === permissionApi ? previous.byRef : [],
          );
          byRef.set(resourceRef, decision);
          return { api: permissionApi, byRef };
        });
      // No answer is no answer for the page's life: asked again next time.
      const failed = () => {
        refs.delete(resourceRef);
        answered('failed');
      };
      permissionApi
        .authorize({ permission: stewardshipSloCreatePermission, resourceRef })
        .then(({ result }) => {
          if (result === DENY) answered('denied');
          else if (result === ALLOW) answered('allowed');
          else failed();
        })
        .catch(failed);
    }
  }, [permissionApi, key, recheck]);

  return answers.api === permissionApi ? answers.byRef : new Map();
}

/**
 * Whether the policy lets the viewer add SLOs to none of `entityRefs`: true only once every answer
 * is in and each is a denial (false while asking, or if an answer failed). A tab listing several
 * entities then says so once, instead of once per entity. `entityRefs` undefined (not yet known)
 * is never all denied.
 */
export function isSloCreateDeniedForAll(
  decisions: ReadonlyMap<string, SloCreateDecision>,
  entityRefs?: readonly string[],
): boolean {
  return Boolean(
    entityRefs &&
      entityRefs.length > 0 &&
      entityRefs.every(ref => decisions.get(ref) === 'denied'),
  );
}

const NONE: ReadonlyMap<string, SloCreateDecision> = new Map();

/**
 * What a tab listing `listedRefs` (undefined: not yet known) shows of `decisions`: whether to say
 * once that the viewer may add SLOs to none of them, and the answers for each entity's own
 * buttons, held back (none: nothing shown yet) until that is settled. Otherwise each entity would
 * say "You may not add SLOs to …" for a moment before the one notice replaced them all. Settled
 * once every listed entity is denied, or once any asked about is not (allowed, or its check
 * failed): then no single notice can come, and each shows its own answer at once.
 */
export function shownSloCreateDecisions(
  decisions: ReadonlyMap<string, SloCreateDecision>,
  askedRefs: readonly string[],
  listedRefs?: readonly string[],
): {
  decisions: ReadonlyMap<string, SloCreateDecision>;
  deniedForAll: boolean;
} {
  const deniedForAll = isSloCreateDeniedForAll(decisions, listedRefs);
  const someNotDenied = askedRefs.some(ref => {
    const decision = decisions.get(ref);
    return decision !== undefined && decision !== 'denied';
  });
  return {
    decisions: deniedForAll || someNotDenied ? decisions : NONE,
    deniedForAll,
  };
}
