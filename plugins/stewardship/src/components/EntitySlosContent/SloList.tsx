import Grid from '@material-ui/core/Grid';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { EntitySlos } from '../../api';
import { SloRow } from './SloRow';
import { useStaleOnPage } from './staleOnPage';

/**
 * The SLO rows of one entity, as of the moment the backend answered for; read now (no `at`),
 * their staleness keeps up with the time the page stays open.
 */
export function SloList(props: {
  slos: EntitySlos;
  at?: Date;
  onEdit?(slo: SloDefinition): void;
  /** The title of the component listed, on a system's tab: see {@link SloRow}. */
  of?: string;
  /** The level of the SLOs' names. Default 3. */
  headingLevel?: 3 | 4;
}) {
  const { slos, at, onEdit, of, headingLevel } = props;
  const shown = useStaleOnPage(
    {
      items: slos.items,
      asOf: slos.at,
      stalenessSeconds: slos.stalenessSeconds,
    },
    at === undefined,
  );
  return (
    <Grid container spacing={2}>
      {shown.items.map(item => (
        <Grid item xs={12} key={item.slo.id}>
          <SloRow
            item={item}
            asOf={shown.asOf}
            at={at}
            onEdit={onEdit}
            of={of}
            headingLevel={headingLevel}
          />
        </Grid>
      ))}
    </Grid>
  );
}
