import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useState } from 'react';
import { ChangeAnnouncement } from '../ChangeAnnouncement';
import { useVisuallyHidden } from '../SloDetails/useVisuallyHidden';

/** A user or group offered as an owner. */
export interface OwnerOption {
  /** The full entity ref, what is sent: `group:default/commerce`. */
  ref: string;
  /** `spec.profile.displayName`, else `metadata.title`, else `metadata.name`. */
  displayName: string;
}

export const OWNER_SEARCH_DELAY_MS = 250;
export const NO_OWNER_MATCH = 'No user or group matches';
export const OWNER_OPTIONS_FAILED =
  'Options could not be loaded: type a ref, e.g. group:default/payments';

/** The fields an option needs, asked of the catalog (not whole entities). */
export const OWNER_QUERY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.profile.displayName',
];

export function ownerOptionOf(entity: Entity): OwnerOption {
  const profile = (entity.spec as { profile?: { displayName?: unknown } })
    ?.profile;
  const displayName =
    typeof profile?.displayName === 'string' && profile.displayName.trim()
      ? profile.displayName
      : entity.metadata.title || entity.metadata.name;
  return { ref: stringifyEntityRef(entity), displayName };
}

/** What an option is read as: `Commerce Team, group:default/commerce`. */
function ownerOptionName(option: OwnerOption): string {
  return `${option.displayName}, ${option.ref}`;
}

/**
 * What to search the catalog for: the name part of what was typed, so that a typed ref
 * (`group:default/comm`) still finds its entity; '' when there is nothing to search.
 */
export function ownerSearchTerm(typed: string) {
  return typed
    .trim()
    .replace(/^.*[:/]/, '')
    .trim();
}

const useStyles = makeStyles(theme => ({
  root: { minWidth: theme.spacing(30) },
  ref: {
    marginLeft: theme.spacing(0.5),
    fontSize: theme.typography.caption.fontSize,
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
}));

/**
 * The owner field of an action item: free text, as before, with the catalog's users and groups
 * offered as the user types (searched in the catalog, 20 at most, after a pause). A chosen option
 * puts its full ref in the field; what the field holds is what is sent. Without a catalog (or
 * when it fails) it stays a text field, saying so on a failure.
 */
export function OwnerPicker(props: {
  id: string;
  value: string;
  onChange(value: string): void;
  /** The server's or the form's problem with the field. */
  error?: string;
}) {
  const { id, value, onChange, error } = props;
  const classes = useStyles();
  const hidden = useVisuallyHidden();
  // Not useApi: an app (or a test) without the catalog still gets a working text field.
  const catalogApi = useApiHolder().get(catalogApiRef);
  // What was last typed (not a chosen option's ref), and the answer to its search.
  const [typed, setTyped] = useState('');
  const [found, setFound] = useState<{
    typed: string;
    options: OwnerOption[];
    /** Searches answered so far: each says its status again (see ChangeAnnouncement). */
    n: number;
  }>();
  const [failed, setFailed] = useState(false);
  // The popup as MUI would have it; it opens only with something to show (below).
  const [wanted, setWanted] = useState(false);
  const term = ownerSearchTerm(typed);

  useEffect(() => {
    if (!catalogApi || !term) return undefined;
    let current = true;
    const timer = setTimeout(async () => {
      try {
        const response = await catalogApi.queryEntities({
          filter: { kind: ['User', 'Group'] },
          fullTextFilter: {
            term,
            fields: [
              'metadata.name',
              'metadata.title',
              'spec.profile.displayName',
            ],
          },
          limit: 20,
          fields: OWNER_QUERY_FIELDS,
        });
        if (!current) return;
        setFound(last => ({
          typed,
          options: response.items.map(ownerOptionOf),
          n: (last?.n ?? 0) + 1,
        }));
        setFailed(false);
      } catch {
        if (!current) return;
        setFound(last => ({ typed, options: [], n: (last?.n ?? 0) + 1 }));
        setFailed(true);
      }
    }, OWNER_SEARCH_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [catalogApi, term, typed]);

  const searched = found?.typed === typed;
  const searching = Boolean(catalogApi && term) && !searched;
  const options = term && searched ? found!.options : [];
  // Only while the field still holds what was searched for: not once an option was chosen.
  const noMatch =
    Boolean(term) &&
    searched &&
    !failed &&
    options.length === 0 &&
    value === typed;
  const status =
    (noMatch && NO_OWNER_MATCH) || (failed && OWNER_OPTIONS_FAILED) || '';
  // Open only with something to show: MUI v4 would otherwise show an empty popup (freeSolo).
  const open = wanted && (options.length > 0 || searching || noMatch);
  const expanded = open && options.length > 0;

  return (
    <div className={classes.root}>
      <Autocomplete<OwnerOption, false, false, true>
        id={id}
        freeSolo
        size="small"
        options={options}
        // The catalog has searched already, by display name too: MUI is not to filter again.
        filterOptions={all => all}
        // MUI v4 shows neither its "no options" text nor its loading text with freeSolo unless
        // loading: the no-match message is shown as its loading text, once the search is done.
        loading={searching || noMatch}
        loadingText={searching ? 'Loading…' : NO_OWNER_MATCH}
        open={open}
        onOpen={() => setWanted(true)}
        onClose={() => setWanted(false)}
        // A search that ends after the field was left does not open the popup. (MUI tells
        // nothing of a blur while closed.)
        onBlur={() => setWanted(false)}
        // ARIA 1.2's combobox is the input (below), not MUI v4's wrapper (ARIA 1.1): axe
        // refuses the wrapper's role once the list is open (no aria-controls).
        role={undefined}
        aria-owns={undefined}
        aria-expanded={undefined}
        value={value || null}
        inputValue={value}
        onInputChange={(_event, text, reason) => {
          onChange(text);
          if (reason !== 'reset') setTyped(text);
        }}
        getOptionLabel={(option: OwnerOption | string) =>
          typeof option === 'string' ? option : option.ref
        }
        getOptionSelected={(option, selected: OwnerOption | string) =>
          option.ref ===
          (typeof selected === 'string' ? selected.trim() : selected.ref)
        }
        // Named "Commerce Team, group:default/commerce" by one hidden text, the visible parts
        // hidden from screen readers: a comma in a hidden element of its own was read by Chromium
        // as "Commerce Team , group:default/commerce" (a word of its own, being out of the flow).
        renderOption={option => (
          <>
            <span aria-hidden="true">
              {option.displayName}{' '}
              <span className={classes.ref}>{option.ref}</span>
            </span>
            <span className={hidden.root}>{ownerOptionName(option)}</span>
          </>
        )}
        renderInput={params => (
          <TextField
            {...params}
            inputProps={{
              ...params.inputProps,
              role: 'combobox',
              'aria-expanded': expanded,
              'aria-controls': expanded ? `${id}-popup` : undefined,
            }}
            label="Owner (user or group)"
            placeholder="group:default/payments"
            variant="outlined"
            error={Boolean(error)}
            helperText={error ?? (failed ? OWNER_OPTIONS_FAILED : undefined)}
          />
        )}
      />
      <ChangeAnnouncement said={{ text: status, n: found?.n ?? 0 }} />
    </div>
  );
}
