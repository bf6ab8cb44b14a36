import { Progress } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  EntityRefLink,
  entityPresentationApiRef,
  entityPresentationSnapshot,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Fragment,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import useAsync from 'react-use/esm/useAsync';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { ComponentSlos } from './useComponentSlos';
import { SloList } from './SloList';
import { SloTabActions, SloTabHandlers } from './SloTabActions';
import { SloCreateDecision } from './useSloCreateDenied';
import { RequestErrorPanel } from '../RequestErrorPanel';
import { BusyButton } from '../BusyButton';

/** Reads these components again; resolves once that read is done. */
type Reload = (entityRefs: string[]) => Promise<unknown> | void;

/** What the view shows in one place: a component, or the components of one failed request. */
type Shown =
  | { kind: 'component'; component: ComponentSlos }
  | { kind: 'failed'; error: Error; entityRefs: string[] };

/**
 * The components to show, in their order: one entry per component with SLOs, a failure or a
 * note, except that components sharing a failure (the same error object: one failed request)
 * make one entry, where the first of them is.
 */
function shownOf(components: ComponentSlos[]): Shown[] {
  const failures = new Map<Error, string[]>();
  for (const { entityRef, error } of components) {
    if (!error) continue;
    const together = failures.get(error) ?? [];
    together.push(entityRef);
    failures.set(error, together);
  }
  const shown: Shown[] = [];
  for (const component of components) {
    const { error } = component;
    const together = error && failures.get(error);
    if (error && together && together.length > 1) {
      if (together[0] === component.entityRef) {
        shown.push({ kind: 'failed', error, entityRefs: together });
      }
    } else if (
      error ||
      component.notReadable ||
      (component.value && component.value.items.length > 0)
    ) {
      shown.push({ kind: 'component', component });
    }
  }
  return shown;
}

/**
 * The entities' titles as their links show them (`Fraud Detection`, through the app's
 * EntityPresentationApi), for names said in words; until they arrive, what the links show then.
 */
function useTitles(
  entityRefs: readonly string[],
): (entityRef: string) => string {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const key = entityRefs.join('\n');
  const { value: titles } = useAsync(async () => {
    if (!presentation) return new Map<string, string>();
    const read = await Promise.all(
      entityRefs.map(async entityRef => {
        const shown = presentation.forEntity(entityRef);
        const snapshot = await shown.promise.catch(() => shown.snapshot);
        return [entityRef, snapshot.primaryTitle] as const;
      }),
    );
    return new Map(read);
    // `key` stands for `entityRefs`, whose identity may change on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [presentation, key]);
  return useMemo(
    () => (entityRef: string) =>
      titles?.get(entityRef) ??
      entityPresentationSnapshot(entityRef).primaryTitle,
    [titles],
  );
}

/** A component's title, as the link to it shows it (and as it changes with it). */
function useTitle(entityRef: string): string {
  return useEntityPresentation(entityRef).primaryTitle;
}

/**
 * A name for the components of one failed request that tells it from another such group of the
 * same size (a screen reader lists sections and headings by name): how many, and the first two.
 * The groups share no component, so their first components differ.
 */
export function failedGroupName(
  entityRefs: readonly string[],
  name: (entityRef: string) => string = ref => ref,
): string {
  const first = entityRefs.slice(0, 2).map(name).join(', ');
  const more = entityRefs.length - 2;
  return `${entityRefs.length} components: ${first}${
    more > 0 ? ` and ${more} more` : ''
  }`;
}

/** Whether a component has nothing to show but its (absent) SLOs. */
function hasNoSlo(component: ComponentSlos): boolean {
  return Boolean(
    !component.error &&
      !component.notReadable &&
      component.value &&
      component.value.items.length === 0,
  );
}

/**
 * A system's component SLOs, one section per component that has any (or failed to load, or is
 * not readable), each with its own Create and Import (for that component); components that
 * failed together (one request) share one section and one Try again; components without an SLO
 * are listed with theirs.
 */
export function SystemComponentSlos(props: {
  components?: ComponentSlos[];
  loading: boolean;
  error?: Error;
  /** Reads these components again (Try again on those that failed). */
  onReload?: Reload;
  at?: Date;
  handlers?: SloTabHandlers & { onEdit(slo: SloDefinition): void };
  /**
   * Leave out each component's "You may not add SLOs to …": the tab says it once, for the viewer
   * may add SLOs to none of them. Otherwise only the components that differ (denied among allowed)
   * say it, since they lack the buttons the others have.
   */
  quietWhenDenied?: boolean;
  /** The tab's answers on adding SLOs to each component, asked once for the whole tab. */
  createDecisions?: ReadonlyMap<string, SloCreateDecision>;
}) {
  const {
    components,
    loading,
    error,
    onReload,
    at,
    handlers,
    quietWhenDenied,
    createDecisions,
  } = props;
  // After a Try again that read the components: their failure (and the Try again that had focus)
  // is gone, and focus would fall to the page's body. It moves to their section's heading instead.
  const root = useRef<HTMLDivElement>(null);
  const focusAfterRead = useRef<readonly string[]>();
  const [readsDone, setReadsDone] = useState(0);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const onRead = useCallback((entityRefs: readonly string[]) => {
    if (!mounted.current) return;
    focusAfterRead.current = entityRefs;
    setReadsDone(n => n + 1);
  }, []);
  useEffect(() => {
    const refs = focusAfterRead.current;
    if (!refs) return;
    focusAfterRead.current = undefined;
    const failing = (components ?? []).some(
      component => component.error && refs.includes(component.entityRef),
    );
    // Still failing: the Try again is still there, with focus. Focus elsewhere: the reader moved on.
    const active = document.activeElement;
    if (failing || (active && active !== document.body)) return;
    Array.from(
      root.current?.querySelectorAll<HTMLElement>('[data-heading-of]') ?? [],
    )
      .find(heading => refs.includes(heading.dataset.headingOf ?? ''))
      ?.focus();
  }, [readsDone, components]);
  if (loading) {
    return <Progress aria-label="Loading the components' SLOs" />;
  }
  if (error) {
    return <RequestErrorPanel error={error} reading="the components' SLOs" />;
  }
  const shown = shownOf(components ?? []);
  const without = (components ?? []).filter(hasNoSlo);
  return (
    <Grid container spacing={3} ref={root}>
      {shown.map(entry =>
        entry.kind === 'failed' ? (
          <FailedGroup
            key={entry.entityRefs[0]}
            error={entry.error}
            entityRefs={entry.entityRefs}
            onReload={onReload}
            onRead={onRead}
          />
        ) : (
          <ComponentSection
            key={entry.component.entityRef}
            component={entry.component}
            onReload={onReload}
            onRead={onRead}
            at={at}
            handlers={handlers}
            quietWhenDenied={quietWhenDenied}
            createDecisions={createDecisions}
          />
        ),
      )}
      {without.length > 0 && (
        <Grid item xs={12}>
          {/* The primary text colour: the secondary one is 4.47:1 on the page's own background. */}
          <Typography variant="body2">
            {without.length === 1
              ? '1 component of this system has no SLO.'
              : `${without.length} components of this system have no SLO.`}
          </Typography>
          {handlers &&
            without.map(component => (
              <NoSloYet
                key={component.entityRef}
                entityRef={component.entityRef}
                handlers={handlers}
                quietWhenDenied={quietWhenDenied}
                createDecisions={createDecisions}
              />
            ))}
        </Grid>
      )}
    </Grid>
  );
}

/** The components of one failed request: what failed, Try again, and links to them. */
function FailedGroup(props: {
  error: Error;
  entityRefs: string[];
  onReload?: Reload;
  onRead?: (entityRefs: readonly string[]) => void;
}) {
  const { error, entityRefs, onReload, onRead } = props;
  const title = useTitles(entityRefs);
  const name = failedGroupName(entityRefs, title);
  return (
    <Grid item xs={12} component="section" aria-label={`SLOs of ${name}`}>
      <Typography variant="h6" component="h3" gutterBottom>
        {name}
      </Typography>
      <FailedRead
        error={error}
        reading={`the SLOs of ${entityRefs.length} components`}
        entityRefs={entityRefs}
        onReload={onReload}
        onRead={onRead}
      />
      <Box mt={1}>
        <Typography variant="body2">
          {'Components: '}
          {entityRefs.map((entityRef, index) => (
            <Fragment key={entityRef}>
              {index > 0 && ', '}
              <EntityRefLink entityRef={entityRef} />
            </Fragment>
          ))}
        </Typography>
      </Box>
    </Grid>
  );
}

/** A component without an SLO, with its Create and Import. */
function NoSloYet(props: {
  entityRef: string;
  handlers: SloTabHandlers & { onEdit(slo: SloDefinition): void };
  quietWhenDenied?: boolean;
  createDecisions?: ReadonlyMap<string, SloCreateDecision>;
}) {
  const { entityRef, handlers, quietWhenDenied, createDecisions } = props;
  const title = useTitle(entityRef);
  return (
    <Box mt={1} component="section" aria-label={`No SLO yet for ${title}`}>
      <Typography
        variant="body2"
        gutterBottom
        tabIndex={-1}
        data-heading-of={entityRef}
      >
        <EntityRefLink entityRef={entityRef} />
      </Typography>
      <SloTabActions
        entityRef={entityRef}
        target={title}
        quietWhenDenied={quietWhenDenied}
        decisions={createDecisions}
        {...handlers}
      />
    </Box>
  );
}

/**
 * One component's section: its SLOs, why they could not be read, or that it is not readable.
 * Named by the component's title, as its heading shows it; its SLOs' names are one level below
 * that heading, and their rows and buttons say the component's title too.
 */
function ComponentSection(props: {
  component: ComponentSlos;
  onReload?: Reload;
  onRead?: (entityRefs: readonly string[]) => void;
  at?: Date;
  handlers?: SloTabHandlers & { onEdit(slo: SloDefinition): void };
  quietWhenDenied?: boolean;
  createDecisions?: ReadonlyMap<string, SloCreateDecision>;
}) {
  const {
    component,
    onReload,
    onRead,
    at,
    handlers,
    quietWhenDenied,
    createDecisions,
  } = props;
  const title = useTitle(component.entityRef);
  let body;
  if (component.error) {
    body = (
      <FailedRead
        error={component.error}
        reading={`the SLOs of ${component.entityRef}`}
        entityRefs={[component.entityRef]}
        onReload={onReload}
        onRead={onRead}
      />
    );
  } else if (component.notReadable) {
    // The backend's answer, not a failure: reading again would say the same.
    body = (
      <Typography variant="body2">
        {component.entityRef} is not in the catalog, or you may not see it.
      </Typography>
    );
  } else if (component.value) {
    body = (
      <SloList
        slos={component.value}
        at={at}
        onEdit={handlers?.onEdit}
        of={title}
        headingLevel={4}
      />
    );
  }
  return (
    <Grid item xs={12} component="section" aria-label={`SLOs of ${title}`}>
      {/* Focusable by script only: where focus goes after a Try again that read it. */}
      <Typography
        variant="h6"
        component="h3"
        gutterBottom
        tabIndex={-1}
        data-heading-of={component.entityRef}
      >
        <EntityRefLink entityRef={component.entityRef} />
      </Typography>
      {handlers && component.value && (
        <Box mb={2}>
          <SloTabActions
            entityRef={component.entityRef}
            target={title}
            quietWhenDenied={quietWhenDenied}
            decisions={createDecisions}
            {...handlers}
          />
        </Box>
      )}
      {body}
    </Grid>
  );
}

/**
 * A failed read of some components and its Try again, busy until that read is done: it ignores
 * presses meanwhile (one read at a time) and says, in a live region, that it is reading again.
 */
function FailedRead(props: {
  error: Error;
  reading: string;
  entityRefs: string[];
  onReload?: Reload;
  /** Told when a read of Try again ended without an error, to move focus if this is gone. */
  onRead?: (entityRefs: readonly string[]) => void;
}) {
  const { error, reading, entityRefs, onReload, onRead } = props;
  const [busy, setBusy] = useState(false);
  // Gone once the read succeeded: no state to set then.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  // BusyButton ignores presses while busy (a click's update renders before the next event).
  const retry = async () => {
    if (!onReload) return;
    setBusy(true);
    let read = false;
    try {
      await onReload(entityRefs);
      read = true;
    } finally {
      if (mounted.current) setBusy(false);
    }
    if (read) onRead?.(entityRefs);
  };
  return (
    <>
      <RequestErrorPanel error={error} reading={reading} />
      {onReload && (
        <Box mt={1} display="flex" alignItems="center" gridGap={8}>
          <BusyButton variant="outlined" busy={busy} onClick={retry}>
            Try again
          </BusyButton>
          {/* Always on the page, so that screen readers hear the text when it comes. */}
          <Typography variant="body2" role="status">
            {busy ? `Reading ${reading} again…` : ''}
          </Typography>
        </Box>
      )}
    </>
  );
}
