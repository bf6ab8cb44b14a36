import Grid from '@material-ui/core/Grid';
import { SloDefinition } from '@stewardship/backstage-plugin-stewardship-common';
import { EntitySlos } from '../../api';
import { SloRow } from './SloRow';

/** The SLO rows of one entity, as of the moment the backend answered for. */
export function SloList(props: {
  slos: EntitySlos;
  at?: Date;
  onEdit?(slo: SloDefinition): void;
}) {
  const { slos, at, onEdit } = props;
  return (
    <Grid container spacing={2}>
      {slos.items.map(item => (
        <Grid item xs={12} key={item.slo.id}>
          <SloRow item={item} asOf={slos.at} at={at} onEdit={onEdit} />
        </Grid>
      ))}
    </Grid>
  );
}
