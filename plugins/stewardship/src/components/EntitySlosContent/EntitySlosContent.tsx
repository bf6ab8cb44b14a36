import {
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import {
  getEntityRelations,
  useEntity,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { AsOfPicker, useAsOf } from '../AsOf';
import { EntitySlos } from '../../api';
import { useEntitySlos } from '../../hooks';
import { EntityIncidentsSection } from '../EntityIncidents';
import { useSloEvaluationSignal } from '../../hooks/useSloEvaluationSignal';
import { ReleaseGateCardView, useReleaseGate } from '../ReleaseGate';
import { DependencyCeilingCard } from './DependencyCeiling';
import { SloEmptyState } from './SloEmptyState';
import { SloList } from './SloList';
import { SloTabActions } from './SloTabActions';
import { SystemComponentSlos } from './SystemComponentSlos';
import { useComponentSlos } from './useComponentSlos';
import { describeStatusChanges } from './statusChanges';
import { useStaleOnPage } from './staleOnPage';
import {
  shownSloCreateDecisions,
  useSloCreateDecisions,
} from './useSloCreateDenied';
import {
  BackendUnreachablePanel,
  RequestErrorPanel,
} from '../RequestErrorPanel';
import { isBackendUnreachable } from '../responseErrors';
import { LazyPartBoundary } from '../LazyPartBoundary';
import { useSaidWhenShown } from '../useSaidWhenShown';
import { useFocusRing } from '../focusRing';
import { formatInstant } from '../formatSlo';
import { RefreshFailedNote } from '../RefreshFailedNote';
import { useRefreshInPlace } from '../../hooks/useRefreshInPlace';
import { useVisuallyHidden } from '../SloDetails/useVisuallyHidden';

/*
 * The editor and import dialogs are code most readers never use (a seventh of the tab's): they load
 * in their own chunk, requested as the tab first renders (they are always mounted, closed), so the
 * list shows without waiting for them and they are in by the time someone opens one.
 */
const SloEditor = lazy(() =>
  import(
    /* webpackChunkName: "stewardship-slo-editor" */ '../SloEditor/SloEditor'
  ).then(m => ({ default: m.SloEditor })),
);
const SloImportDialog = lazy(() =>
  import(
    /* webpackChunkName: "stewardship-slo-editor" */ '../SloEditor/SloImportDialog'
  ).then(m => ({ default: m.SloImportDialog })),
);

/** The dialog the tab shows, if any. */
type Dialog =
  | { kind: 'create'; entityRef: string }
  | { kind: 'edit'; slo: SloDefinition }
  | { kind: 'import'; entityRef: string };

const useStyles = makeStyles(theme => ({
  // On a Paper, not the page background: secondary text on the page's grey background misses the
  // 4.5:1 contrast WCAG asks for (axe, in the e2e tests).
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(2),
  },
  announcement: { marginTop: theme.spacing(2) },
}));

/** What an import did, in a sentence: the SLO's name when there is one. */
function describeImport(slos: SloDefinition[]): string {
  return slos.length === 1
    ? `SLO ${slos[0].name} imported.`
    : `${slos.length} SLOs imported.`;
}

/**
 * The SLOs tab of an entity: one row per SLO with its status and reason, SLI against the
 * objective, error budget (percentage and events), time to exhaustion and firing alert policies,
 * each opening its details. On a System, its components' SLOs follow, grouped by component.
 * "As of" (`?at=` in the page URL) shows the whole tab at a past moment. "Create SLO", "Import
 * YAML" and each row's "Edit" open the editor dialogs; after a save, delete or import the tab
 * reloads and says under its header what was done.
 *
 * @public
 */
export function EntitySlosContent() {
  const { entity } = useEntity();
  const classes = useStyles();
  const hidden = useVisuallyHidden();
  const focusRing = useFocusRing();
  const entityRef = stringifyEntityRef(entity);
  // As the page's heading names it: the buttons of a system's tab say which entity they add to.
  const title = useEntityPresentation(entity).primaryTitle;
  const { at, problem, setAt } = useAsOf();
  // Read again quietly after new evaluations (refreshInPlace below), of this entity and moment.
  const own = useRefreshInPlace(
    useEntitySlos(at),
    `${entityRef}@${at?.getTime()}`,
  );

  const isSystem = entity.kind.toLocaleLowerCase('en-US') === 'system';
  const componentRefs = isSystem
    ? getEntityRelations(entity, RELATION_HAS_PART, { kind: 'component' })
        .map(ref => stringifyEntityRef(ref))
        .sort()
    : [];
  const components = useComponentSlos(componentRefs, at);
  // The entities the tab offers to add SLOs to: a system, and those of its components whose SLOs
  // were read (each gets its own Create and Import). Known once the components have loaded.
  const listedRefs =
    isSystem && !components.loading
      ? [
          entityRef,
          ...(components.value ?? [])
            .filter(component => component.value)
            .map(component => component.entityRef),
        ]
      : undefined;
  // Asked once per entity for the whole tab, the system's own at once: the header and each
  // component's buttons show these answers, and the header says once, rather than once per
  // component section, when all are denials.
  const askedRefs = isSystem ? listedRefs ?? [entityRef] : [];
  // Try again on a failed check asks the failed ones again.
  const [recheck, setRecheck] = useState(0);
  const answers = useSloCreateDecisions(askedRefs, recheck);
  const { decisions: createDecisions, deniedForAll } = shownSloCreateDecisions(
    answers,
    askedRefs,
    listedRefs,
  );
  // Read here, not in the cards, so that a change of the SLOs reads them again: the gate counts
  // the entity's SLOs and the ceiling compares their objectives.
  const gate = useReleaseGate(entityRef, at);
  const [sloRevision, setSloRevision] = useState(0);
  const [dialog, setDialog] = useState<Dialog>();

  // After a change the list stays on screen while it reloads, rather than a progress bar in its
  // place: the dialog returns focus to the button that opened it (a row's Edit), which must
  // still be there, and the reader keeps their place. Reloading until a new answer replaces the
  // one shown when the change was made (a loading flag may never be seen set: a quick answer
  // lands in the same render).
  const [changedFrom, setChangedFrom] = useState<EntitySlos>();
  const refreshing = changedFrom !== undefined && own.value === changedFrom;
  const refreshingRef = useRef(refreshing);
  refreshingRef.current = refreshing;
  // Another moment is another list: a progress bar while it loads, never the last moment's.
  const atTime = at?.getTime();
  useEffect(() => setChangedFrom(undefined), [atTime]);
  // A deleted SLO's row (and the Edit button focus would return to) goes with the reload: once
  // the new list is in and the editor has left the page (its own focus restoring done), focus
  // moves to the tab's Create SLO, or to its header when the viewer may not create.
  const header = useRef<HTMLDivElement>(null);
  const afterDelete = useRef({ pending: false, exited: false });
  const focusAfterDelete = useCallback(() => {
    if (!afterDelete.current.pending || !afterDelete.current.exited) return;
    afterDelete.current = { pending: false, exited: false };
    (
      header.current?.querySelector<HTMLElement>(
        'button[aria-label^="Create SLO"]',
      ) ?? header.current
    )?.focus();
  }, []);
  useEffect(() => {
    if (!refreshing) focusAfterDelete();
  }, [refreshing, focusAfterDelete]);

  // What the last change did ("SLO latency-p99 created."), shown and announced under the header
  // once its dialog has left the page: until then MUI hides the page from screen readers
  // (aria-hidden), and a live region changed there is not announced. Cleared as a dialog opens,
  // and as the moment or the entity changes.
  const [announcement, setAnnouncement] = useState<string>();
  const pendingAnnouncement = useRef<string>();
  const announceOnExit = () => {
    if (pendingAnnouncement.current === undefined) return;
    setAnnouncement(pendingAnnouncement.current);
    pendingAnnouncement.current = undefined;
  };
  // Said of this entity at this moment: another moment or entity shows another list.
  useEffect(() => setAnnouncement(undefined), [atTime, entityRef]);
  // After the moment changed (As of, Now, the browser's Back): which moment the tab now shows,
  // said once its SLOs are read and shown, not while they load and not on the page's first
  // load. The list shown when the moment changed, until a new one replaces it.
  const [momentShown, setMomentShown] = useState<string>();
  const momentAsked = useRef(atTime);
  const listBefore = useRef<{ value?: EntitySlos }>();
  useEffect(() => {
    if (momentAsked.current === atTime) return;
    momentAsked.current = atTime;
    listBefore.current = { value: own.value };
    setMomentShown(undefined);
    // Only a change of the moment counts: the list then is the one it replaces.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [atTime]);
  useEffect(() => {
    const before = listBefore.current;
    if (!before || own.loading || !own.value || own.value === before.value) {
      return;
    }
    listBefore.current = undefined;
    setMomentShown(
      atTime === undefined
        ? 'Showing the SLOs as they are now.'
        : `Showing the SLOs as of ${formatInstant(new Date(atTime))}.`,
    );
  }, [own.loading, own.value, atTime]);

  // What a read made by itself (after a stored evaluation run, refreshInPlace below) changed,
  // shown and said: "Updated 2026-12-07 10:32 UTC: SLO availability is now at-risk (was
  // healthy)." A row's status word changes in place, easily missed by a reader who looked away,
  // so the line stays until a later read changes a status again (a read that changes none leaves
  // it, and says nothing). The list it replaces, until then.
  const [statusNews, setStatusNews] = useState<string>();
  // The read a signal's read replaces, and the list as shown then (aged, see shownSlos).
  const signalledFrom = useRef<{ read: EntitySlos; shown: EntitySlos }>();
  // Between reads, an SLO whose last evaluation grows too old turns stale on the page, as its row
  // shows (SloList ages the rows by the same rule and clock, useStaleOnPage): the list as shown.
  const aged = useStaleOnPage(
    own.value && {
      items: own.value.items,
      asOf: own.value.at,
      stalenessSeconds: own.value.stalenessSeconds,
    },
    at === undefined,
  );
  const shownSlos = useMemo(
    () =>
      own.value && aged && aged.items !== own.value.items
        ? { ...own.value, items: aged.items }
        : own.value,
    [own.value, aged],
  );
  // Said as a read's change would be ("SLO availability is now stale (healthy when last
  // evaluated)."), at the moment the page turned it, not at the next read (up to ten minutes on).
  const agedFrom = useRef<{ read?: EntitySlos; shown?: EntitySlos }>({});
  useEffect(() => {
    const last = agedFrom.current;
    agedFrom.current = { read: own.value, shown: shownSlos };
    // A new read: what it changed is said from what was shown (the effect below).
    if (last.read !== own.value || !last.shown || !shownSlos || !aged) return;
    if (last.shown === shownSlos) return;
    const changes = describeStatusChanges(last.shown, shownSlos);
    if (changes) {
      setStatusNews(
        `Updated ${formatInstant(new Date(aged.asOf))}: ${changes}`,
      );
    }
  }, [own.value, shownSlos, aged]);
  // Changed while a dialog hid the page from screen readers (an incident being recorded, a
  // correction, an override): said again once it has gone.
  const statusLine = useRef<HTMLDivElement>(null);
  const statusNewsKey = useSaidWhenShown(statusLine, statusNews);

  const openDialog = (next: Dialog) => {
    setAnnouncement(undefined);
    setMomentShown(undefined);
    setStatusNews(undefined);
    pendingAnnouncement.current = undefined;
    setDialog(next);
  };

  const close = () => setDialog(undefined);
  // After a change: this entity's list, and of a system's components only those changed.
  const changed = (changedRefs: string[]) => {
    setDialog(undefined);
    setChangedFrom(own.value);
    own.retry();
    gate.retry();
    setSloRevision(revision => revision + 1);
    if (isSystem) {
      components.reload(changedRefs);
    }
  };
  // New evaluations stored (Backstage signals): the statuses move on in place, figures kept on
  // screen while they are read and the reader's place and focus with them; only status words
  // that changed are said. Not a list in error or loading: those show their own states. A read
  // that fails keeps the list too, saying it is not up to date (own.refreshError): a tab left
  // open through a backend restart does not turn into an error no one asked for. The gate
  // listens itself (useReleaseGate), at the same moment.
  const refreshInPlace = () => {
    if (!own.loading && !own.error && own.value) {
      signalledFrom.current = {
        read: own.value,
        shown: shownSlos ?? own.value,
      };
      own.refresh();
    }
    if (isSystem) components.reload(componentRefs, { quiet: true });
  };
  // What such a read changed (see statusNews).
  useEffect(() => {
    const before = signalledFrom.current;
    if (!before || own.loading || own.value === before.read) return;
    signalledFrom.current = undefined;
    // The lists as shown, before and now: an SLO the page already turned stale is no news
    // again, and the new read is aged as its rows are (to its own moment, at first).
    const changes = shownSlos && describeStatusChanges(before.shown, shownSlos);
    if (changes) {
      setStatusNews(
        `Updated ${formatInstant(new Date(own.value!.at))}: ${changes}`,
      );
    }
  }, [own.loading, own.value, shownSlos]);
  // Of this entity, now: another moment or entity is another list.
  useEffect(() => {
    signalledFrom.current = undefined;
    setStatusNews(undefined);
  }, [atTime, entityRef]);
  // The tab's first read decides: when it finds the backend unreachable (no answer, or a proxy's
  // 502/503/504), every other read of the tab fails the same way, so the tab says so once, in
  // place of its cards and its buttons, with one Try again that reads everything again. A read
  // that fails while the SLOs were read still says so on its own card.
  const unreachable =
    own.error !== undefined && isBackendUnreachable(own.error);
  const refocusAfterRetry = useRef(false);
  const retryAll = () => {
    refocusAfterRetry.current = true;
    own.retry();
    gate.retry();
    setRecheck(n => n + 1);
    if (isSystem) components.retry();
  };
  // A past moment is no evaluation's to change; an unreachable backend has its own Try again.
  useSloEvaluationSignal(at || unreachable ? undefined : refreshInPlace);
  // Back: the Try again pressed is gone with the notice; focus goes to the tab's header. Still
  // unreachable: focus stays on Try again, and a later load (another As of moment) moves nothing.
  useEffect(() => {
    if (!refocusAfterRetry.current || own.loading) return;
    refocusAfterRetry.current = false;
    if (!unreachable) header.current?.focus();
  }, [own.loading, unreachable]);

  const handlers = {
    onCreate: (ref: string) => openDialog({ kind: 'create', entityRef: ref }),
    onImport: (ref: string) => openDialog({ kind: 'import', entityRef: ref }),
    onEdit: (slo: SloDefinition) => openDialog({ kind: 'edit', slo }),
    onRecheck: () => setRecheck(n => n + 1),
  };

  let body;
  if (unreachable) {
    body = (
      <BackendUnreachablePanel
        error={own.error!}
        reading={`the SLOs, release gate, dependency ceiling and incidents of ${
          isSystem ? 'this system and its components' : 'this entity'
        }`}
        onRetry={retryAll}
        retrying={own.loading}
      />
    );
  } else if (own.loading && !(refreshing && own.value)) {
    body = <Progress aria-label="Loading the SLOs" />;
  } else if (own.error) {
    body = (
      <RequestErrorPanel
        error={own.error}
        reading="the SLOs"
        onRetry={own.retry}
      />
    );
  } else if (own.value) {
    const ownCount = own.value.items.length;
    const componentCount = (components.value ?? []).reduce(
      (sum, c) =>
        sum + (c.value?.items.length ?? 0) + (c.error || c.notReadable ? 1 : 0),
      0,
    );
    if (
      ownCount === 0 &&
      (!isSystem ||
        (!components.loading && !components.error && componentCount === 0))
    ) {
      body = <SloEmptyState entityRef={entityRef} handlers={handlers} />;
    } else {
      body = (
        <Grid container spacing={3}>
          {ownCount > 0 && (
            <Grid item xs={12} component="section" aria-label="Own SLOs">
              {/* Above the SLOs' names (h3): seen on a system's tab, beside its components'. */}
              <Typography
                variant="h5"
                component="h2"
                gutterBottom
                className={isSystem ? undefined : hidden.root}
              >
                {isSystem ? 'SLOs of this system' : 'SLOs'}
              </Typography>
              <SloList slos={own.value} at={at} onEdit={handlers.onEdit} />
            </Grid>
          )}
          {isSystem && (
            <Grid item xs={12}>
              <Typography variant="h5" component="h2" gutterBottom>
                SLOs of its components
              </Typography>
              <SystemComponentSlos
                components={components.value}
                loading={components.loading}
                error={components.error}
                onReload={components.reload}
                at={at}
                handlers={handlers}
                quietWhenDenied={deniedForAll}
                createDecisions={createDecisions}
              />
            </Grid>
          )}
        </Grid>
      );
    }
  }

  return (
    <Grid container spacing={3} className={focusRing}>
      <Grid item xs={12}>
        <Paper
          variant="outlined"
          className={classes.header}
          ref={header}
          tabIndex={-1}
          // Focus lands here after Try again: named, so a screen reader says where it is.
          role="group"
          aria-label={`SLOs of ${title}`}
        >
          <AsOfPicker at={at} onChange={setAt} urlRefused={Boolean(problem)} />
          {/* Nothing to add to while the backend cannot be reached. */}
          {!unreachable &&
            (deniedForAll ? (
              // Only what the policy answered: it denied adding SLOs to each entity listed here.
              <Typography variant="body2">
                You may not add SLOs to this system or to any of its components
                shown here. Ask their owners or your Backstage admins.
              </Typography>
            ) : (
              <SloTabActions
                entityRef={entityRef}
                target={isSystem ? title : undefined}
                decisions={isSystem ? createDecisions : undefined}
                {...handlers}
              />
            ))}
        </Paper>
        <div role="status" ref={statusLine}>
          {announcement && (
            // No alert of its own: the status around it announces the text once.
            <Alert
              severity="success"
              role="none"
              className={classes.announcement}
            >
              {announcement}
            </Alert>
          )}
          {/* Seen already: the As of field says it under the field. */}
          {momentShown && <span className={hidden.root}>{momentShown}</span>}
          {statusNews && (
            // Information, whatever the statuses became: each row says its own.
            <Alert
              key={statusNewsKey}
              severity="info"
              role="none"
              className={classes.announcement}
            >
              {statusNews}
            </Alert>
          )}
        </div>
        <RefreshFailedNote
          error={own.refreshError}
          reading="the SLOs"
          shownAsOf={own.value?.at}
          className={classes.announcement}
        />
      </Grid>
      {problem && (
        <Grid item xs={12}>
          <Alert severity="warning" role="status">
            {problem}
          </Alert>
        </Grid>
      )}
      <Grid item xs={12}>
        {body}
      </Grid>
      {/* Not while the backend cannot be reached: each would say so again (see unreachable). */}
      {!unreachable && (
        <>
          <Grid
            item
            xs={12}
            md={6}
            component="section"
            aria-label="Release gate"
          >
            <ReleaseGateCardView entityRef={entityRef} at={at} gate={gate} />
          </Grid>
          <Grid
            item
            xs={12}
            md={6}
            component="section"
            aria-label="Dependency ceiling"
          >
            <DependencyCeilingCard
              entityRef={entityRef}
              at={at}
              sloRevision={sloRevision}
            />
          </Grid>
          <Grid item xs={12} component="section" aria-label="Incidents">
            <EntityIncidentsSection
              entityRef={entityRef}
              slos={own.value?.items.map(item => item.slo)}
              at={at}
            />
          </Grid>
        </>
      )}
      <LazyPartBoundary
        part="the SLO editor"
        purpose="to create, edit or import SLOs"
        inGrid
      >
        <Suspense fallback={null}>
          <SloEditor
            open={dialog?.kind === 'create' || dialog?.kind === 'edit'}
            entityRef={
              dialog?.kind === 'edit'
                ? dialog.slo.entityRef
                : (dialog?.kind === 'create' && dialog.entityRef) || entityRef
            }
            slo={dialog?.kind === 'edit' ? dialog.slo : undefined}
            onClose={close}
            onSaved={slo => {
              pendingAnnouncement.current = `SLO ${slo.name} ${
                dialog?.kind === 'create' ? 'created' : 'saved'
              }.`;
              changed([slo.entityRef]);
            }}
            onDeleted={slo => {
              pendingAnnouncement.current = `SLO ${slo.name} deleted.`;
              afterDelete.current = { pending: true, exited: false };
              changed(dialog?.kind === 'edit' ? [dialog.slo.entityRef] : []);
            }}
            onExited={() => {
              announceOnExit();
              afterDelete.current.exited = true;
              // After the dialog's own focus restoring, which runs as it leaves the page next; if
              // the new list is not in yet, the effect above moves focus when it is.
              setTimeout(() => {
                if (!refreshingRef.current) focusAfterDelete();
              }, 0);
            }}
          />
          <SloImportDialog
            open={dialog?.kind === 'import'}
            entityRef={dialog?.kind === 'import' ? dialog.entityRef : entityRef}
            onClose={close}
            onImported={slos => {
              pendingAnnouncement.current = describeImport(slos);
              changed(slos.map(slo => slo.entityRef));
            }}
            onExited={announceOnExit}
          />
        </Suspense>
      </LazyPartBoundary>
    </Grid>
  );
}
