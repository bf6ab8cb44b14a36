import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  DEFAULT_NAMESPACE,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityOwnership,
  OWNERSHIP_ANNOTATIONS,
  OWNERSHIP_ROLES,
} from '@stewardship/backstage-plugin-stewardship-common';
import { REFS_PER_CATALOG_REQUEST } from '../lib/CatalogVisibility';
import { normalizeEntityRef } from '../lib/entityRefs';
import { EntityIndex } from './EntityIndex';
import {
  evaluateEntityOwnership,
  EvaluationOptions,
} from './evaluateEntityOwnership';
import { parseOwnerRefIn, refIn } from './evaluationMemo';
import { parseOwnerRef, ParsedOwnerRef } from './parseOwnerRef';
import { ownerLinks } from './resolveOwner';
import {
  OwnershipPolicy,
  policyAppliesTo,
  policyKinds,
} from './OwnershipPolicy';

/**
 * Only what the evaluation reads, to keep whole-catalog reads small: of every entity, its
 * annotations and where it sits (system, domain, owner) ...
 */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.owner',
  'spec.system',
  'spec.domain',
];

/**
 * ... and of users and groups, which can be owners, also who they are and their memberships.
 * Relations are most of an entity's size and only an owner's are read (its member count), so
 * they are requested for these two kinds alone.
 */
export const OWNER_FIELDS = [
  ...ENTITY_FIELDS,
  'spec.profile',
  'spec.memberOf',
  'spec.members',
  'relations',
];

/** The kinds read with {@link OWNER_FIELDS}. */
export const OWNER_KINDS = ['user', 'group'];

/**
 * Reads the catalog with the caller's credentials and evaluates ownership, so a user only
 * ever sees entities the catalog lets them see.
 *
 * A role's status is the same whoever asks: what an entity the caller may read depends on but
 * the caller may not read (its system or domain, an owner, an owner's members or groups) is read
 * with the plugin's own credentials, and of those only what the status rests on is shown (see
 * `ResolvedOwner.hidden`). Otherwise a developer the catalog hides users from would be told that
 * their service's owner "is not in the catalog" and to add them, and would count gaps on the
 * scorecard that nobody else sees.
 */
export class CatalogOwnershipReader {
  /**
   * @param auth - the plugin's own credentials for reading what the caller may not (see above);
   *   without it, the caller's are used and what they may not read counts as absent.
   */
  constructor(
    private readonly catalog: CatalogService,
    private readonly policy: OwnershipPolicy,
    private readonly auth?: Pick<AuthService, 'getOwnServiceCredentials'>,
  ) {}

  /** The kinds the policy covers, as the scorecard tells its kind picker. */
  coveredKinds(): string[] {
    return policyKinds(this.policy);
  }

  /**
   * One entity in at most three dependent catalog requests, never the whole catalog:
   *
   * 1. the entity itself, the system that lists it as a part (`relations.hasPart`) and every
   *    domain. Reading all domains (a handful in any organisation, with only the fields below)
   *    is what spares a third round trip: which domain a component inherits from is only known
   *    once its system has been read.
   * 2. every user and group its roles name (on it, its system or its domain) and its
   *    `spec.owner`, in one batch;
   * 3. only when those owners have members or groups: which of those exist
   *    ({@link CatalogOwnershipReader.linkedInCatalog}).
   *
   * A `spec.system` the first request did not find (no such system, a kind the catalog does not
   * relate to systems, or relations not yet stitched) is read by ref before the batch, so the
   * result is always what reading the refs one by one would give. A system, domain or owner the
   * caller may not read costs one more request, with the plugin's own credentials.
   */
  async evaluateEntity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityOwnership> {
    // A 400 for a ref the catalog could never hold, rather than the catalog's own error.
    const entityRef = normalizeEntityRef(ref, { what: 'Entity' });
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const { items: parentsAndSelf } = await this.catalog.getEntities(
      {
        // Alternatives: an entity matching any one of them is returned.
        filter: [
          { kind, 'metadata.namespace': namespace, 'metadata.name': name },
          { kind: 'system', 'relations.haspart': entityRef },
          { kind: 'domain' },
        ],
        fields: ENTITY_FIELDS,
      },
      { credentials },
    );
    const found = new EntityIndex(parentsAndSelf);
    const entity = found.get(entityRef);
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }

    const related: Entity[] = [entity];
    const hidden: Entity[] = [];
    const systemRef = referencedRef(entity, 'system');
    let system = systemRef ? found.get(systemRef) : undefined;
    if (systemRef && !system) {
      system = await this.catalog.getEntityByRef(systemRef, { credentials });
      if (!system) {
        [system] = await this.readHidden([systemRef], ENTITY_FIELDS);
        if (system) hidden.push(system);
      }
    }
    if (system) related.push(system);
    const domainRef = referencedRef(system ?? entity, 'domain');
    let domain = domainRef ? found.get(domainRef) : undefined;
    // Every domain the caller may read was in the first request.
    if (domainRef && !domain) {
      [domain] = await this.readHidden([domainRef], ENTITY_FIELDS);
      if (domain) hidden.push(domain);
    }
    if (domain) related.push(domain);

    const ownerRefs = new Set(related.flatMap(holder => roleOwnerRefs(holder)));
    const specOwner = toRef(entity.spec?.owner, 'group', entity);
    if (specOwner) ownerRefs.add(specOwner);

    let linkedInCatalog: string[] = [];
    if (ownerRefs.size > 0) {
      const refs = [...ownerRefs];
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: OWNER_FIELDS },
        { credentials },
      );
      const owners = items.filter((e): e is Entity => Boolean(e));
      const hiddenOwners = await this.readHidden(
        refs.filter((_, index) => !items[index]),
        OWNER_FIELDS,
      );
      related.push(...owners);
      hidden.push(...hiddenOwners);
      linkedInCatalog = await this.linkedInCatalog(
        this.linkTargets([...owners, ...hiddenOwners]),
        credentials,
      );
    }
    return evaluateEntityOwnership(
      entity,
      new EntityIndex(related, linkedInCatalog, hidden),
      this.policy,
    );
  }

  /**
   * Of `refs`, which the caller's read did not return, the entities the catalog holds, read with
   * the plugin's own credentials in bounded batches side by side (one round trip); none without
   * them (see the constructor).
   */
  private async readHidden(
    refs: string[],
    fields: string[],
  ): Promise<Entity[]> {
    if (refs.length === 0 || !this.auth) return [];
    const credentials = await this.auth.getOwnServiceCredentials();
    const read = await Promise.all(
      chunked(refs).map(async chunk => {
        const { items } = await this.catalog.getEntitiesByRefs(
          { entityRefs: chunk, fields },
          { credentials },
        );
        return items.filter((e): e is Entity => Boolean(e));
      }),
    );
    return read.flat();
  }

  /** The members and groups `owners` link to (relations and spec). */
  private linkTargets(owners: Iterable<Entity>): string[] {
    const targets = new Set<string>();
    for (const owner of owners) {
      for (const ref of ownerLinks(owner)) targets.add(ref);
    }
    return [...targets];
  }

  /**
   * Which of `refs` (owners' members and groups) the catalog holds: it keeps relations to
   * entities that are gone (a user deleted while a group's spec still lists them), and a member
   * who is gone must not staff a group. One batch (keys only), made only when there are such
   * links, read with the plugin's own credentials: a caller the catalog hides users from would
   * otherwise find every group unstaffed. Only whether each exists is used, which the counts of
   * members on an owner's relations already told that caller.
   */
  private async linkedInCatalog(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    if (refs.length === 0) return [];
    const asking = this.auth
      ? await this.auth.getOwnServiceCredentials()
      : credentials;
    // A group of thousands is read in bounded requests side by side: still one round trip.
    const found = await Promise.all(
      chunked(refs).map(async chunk => {
        const { items } = await this.catalog.getEntitiesByRefs(
          { entityRefs: chunk, fields: ['kind'] },
          { credentials: asking },
        );
        return chunk.filter((_, index) => Boolean(items[index]));
      }),
    );
    return found.flat();
  }

  /**
   * Every entity the policy covers, evaluated against one in-memory index built from two
   * concurrent paged reads ({@link catalogReads}).
   *
   * With `ownCredentials` the credentials are Stewardship's own (as the scorecard's shared view's
   * are), which the catalog hides nothing from: what the reads did not return is gone, so the
   * dependencies are not looked for again with those same credentials.
   */
  async evaluateCatalog(
    credentials: BackstageCredentials,
    options: EvaluationOptions & { ownCredentials?: boolean } = {},
  ): Promise<EntityOwnership[]> {
    const entities = await Promise.all(
      catalogReads(this.policy).map(async request => {
        const read: Entity[] = [];
        for await (const page of this.catalog.streamEntities(request, {
          credentials,
        })) {
          read.push(...page);
        }
        return read;
      }),
    );
    const read = entities.flat();
    const index = new EntityIndex(read);
    const hidden = options.ownCredentials
      ? []
      : await this.readHiddenDependencies(read, index);
    index.addHidden(hidden);
    // Links to users or groups the reads did not return: gone, or hidden from the caller by the
    // catalog's rules (then every group would look unstaffed to them). Asked for as on the
    // entity route; with the plugin's own view, only the gone ones.
    const unread = this.linkTargets(
      [...read, ...hidden].filter(entity =>
        OWNER_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')),
      ),
    ).filter(ref => !index.has(ref));
    index.addInCatalog(await this.linkedInCatalog(unread, credentials));
    return evaluateIndexed(read, index, this.policy, options);
  }

  /**
   * The systems, domains and owners that the caller's whole-catalog read depends on but did not
   * return, read with the plugin's own credentials (see the constructor): systems first, then
   * the domains of every system, then the owners every role and `spec.owner` names. With the
   * plugin's own view only refs to entities that are gone are asked for, and come back empty.
   */
  private async readHiddenDependencies(
    read: Entity[],
    index: EntityIndex,
  ): Promise<Entity[]> {
    if (!this.auth) return [];
    const unread = (refs: Iterable<string | undefined>) => {
      const missing = new Set<string>();
      // Refs normalised (parsed or resolved), before anything but what was read is indexed.
      for (const ref of refs) if (ref && !index.lookup(ref)) missing.add(ref);
      return [...missing];
    };
    // Parsed through the index's memos, which the evaluation then reuses: thousands of entities
    // name the same few owners, systems and domains.
    const ownerRefsOf = (holder: Entity) =>
      roleOwnerRefs(holder, value => parseOwnerRefIn(index, value));
    const refOf = (from: Entity, field: 'system' | 'domain') =>
      referencedRef(from, field, index);

    const systems = await this.readHidden(
      unread(read.map(entity => refOf(entity, 'system'))),
      ENTITY_FIELDS,
    );
    const systemsOfAll = [
      ...read.filter(
        entity => entity.kind.toLocaleLowerCase('en-US') === 'system',
      ),
      ...systems,
    ];
    const domains = await this.readHidden(
      unread([
        ...read.map(entity => refOf(entity, 'domain')),
        ...systemsOfAll.map(entity => refOf(entity, 'domain')),
      ]),
      ENTITY_FIELDS,
    );
    const owners = await this.readHidden(
      unread([
        ...[...read, ...systems, ...domains].flatMap(ownerRefsOf),
        ...read.map(entity =>
          toRef(entity.spec?.owner, 'group', entity, index),
        ),
      ]),
      OWNER_FIELDS,
    );
    return [...systems, ...domains, ...owners];
  }
}

/** `refs` in batches the catalog accepts in one request. */
function chunked(refs: string[]): string[][] {
  const chunks: string[][] = [];
  for (let i = 0; i < refs.length; i += REFS_PER_CATALOG_REQUEST) {
    chunks.push(refs.slice(i, i + REFS_PER_CATALOG_REQUEST));
  }
  return chunks;
}

/** The well-formed owner refs an entity's role annotations name. */
function roleOwnerRefs(
  holder: Entity,
  parse: (value: string) => ParsedOwnerRef = parseOwnerRef,
): string[] {
  const refs: string[] = [];
  for (const role of OWNERSHIP_ROLES) {
    const value = holder.metadata.annotations?.[OWNERSHIP_ANNOTATIONS[role]];
    const parsed = value === undefined ? undefined : parse(value);
    if (parsed?.ok) refs.push(parsed.entityRef);
  }
  return refs;
}

/**
 * The paged catalog reads behind a whole-catalog evaluation: users and groups with
 * {@link OWNER_FIELDS}, every other kind the policy covers (and systems and domains, which
 * roles are inherited from) with {@link ENTITY_FIELDS}.
 */
export function catalogReads(
  policy: OwnershipPolicy,
): Array<{ filter: { kind: string[] }; fields: string[] }> {
  const kinds = new Set(
    [...policyKinds(policy), 'system', 'domain'].map(kind =>
      kind.toLocaleLowerCase('en-US'),
    ),
  );
  for (const kind of OWNER_KINDS) kinds.delete(kind);
  return [
    { filter: { kind: [...kinds] }, fields: ENTITY_FIELDS },
    { filter: { kind: OWNER_KINDS }, fields: OWNER_FIELDS },
  ];
}

/** Evaluates every covered entity among `entities`, which also serve as the lookup index. */
export function evaluateCatalogEntities(
  entities: Entity[],
  policy: OwnershipPolicy,
  options: EvaluationOptions = {},
  /** Refs of further users and groups known to be in the catalog (see EntityIndex). */
  alsoInCatalog: Iterable<string> = [],
): EntityOwnership[] {
  return evaluateIndexed(
    entities,
    new EntityIndex(entities, alsoInCatalog),
    policy,
    options,
  );
}

/** Evaluates every covered entity among `entities` against `index`, which holds them. */
function evaluateIndexed(
  entities: Entity[],
  index: EntityIndex,
  policy: OwnershipPolicy,
  options: EvaluationOptions,
): EntityOwnership[] {
  return entities
    .filter(entity => policyAppliesTo(policy, entity))
    .map(entity => evaluateEntityOwnership(entity, index, policy, options));
}

/** The system or domain `from` names in its spec, unless `from` is one itself. */
function referencedRef(
  from: Entity,
  field: 'system' | 'domain',
  index?: EntityIndex,
) {
  if (from.kind.toLocaleLowerCase('en-US') === field) return undefined;
  return toRef(from.spec?.[field], field, from, index);
}

/**
 * A ref from `context`'s spec, normalised in its context; undefined when it is no ref. With an
 * index, through its memo (see evaluationMemo).
 */
function toRef(
  value: unknown,
  defaultKind: string,
  context: Entity,
  index?: EntityIndex,
) {
  if (typeof value !== 'string' || !value) return undefined;
  const defaults = {
    defaultKind,
    defaultNamespace: context.metadata.namespace ?? DEFAULT_NAMESPACE,
  };
  if (index) return refIn(index, value, defaults);
  try {
    return normalizeEntityRef(value, defaults);
  } catch {
    return undefined;
  }
}
