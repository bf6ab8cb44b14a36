import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  BacklogItem,
  ReleaseGate,
} from '@stewardship/backstage-plugin-stewardship-common';
import { BacklogItemKeyAndTitle } from './BacklogItemKeyAndTitle';
import {
  adviceCannotJudge,
  adviceSentence,
  adviceSeverity,
  adviceTitle,
} from './adviceRules';

/** How many reliability items the advice names; the list below has them all. */
const SHOWN = 10;

/**
 * What the error-budget policy asks of the team when the release gate warns or blocks: the advice
 * in words, then the open reliability items in rank order, so the next piece of work is obvious.
 * When the gate only cannot judge (SLOs without recent data, none last known exhausted or at
 * risk), the advice is to look at those SLOs instead, and no reliability work is put first.
 * When the gate allows but notes SLOs the policy allows without data that were last known spent
 * or burning (`noData: allow`), the advice says so, for information, with the reliability work.
 * When the gate allows an SLO whose budget is spent or burning (`exhausted: allow`, `atRisk:
 * allow`, or an SLO the policy does not count), the advice still puts reliability work first,
 * for information: the policy lets releases go ahead.
 */
export function ReleaseAdvice(props: {
  gate: ReleaseGate;
  items: BacklogItem[];
}) {
  const { gate } = props;
  const cannotJudge = adviceCannotJudge(gate);
  const reliability = cannotJudge
    ? []
    : props.items.filter(item => item.reliability);
  const shown = reliability.slice(0, SHOWN);
  return (
    <InfoCard
      title={adviceTitle(gate, props.items)}
      titleTypographyProps={{ component: 'h2' }}
    >
      <Alert severity={adviceSeverity(gate)} role="status">
        {adviceSentence(gate, props.items)}
      </Alert>
      {!cannotJudge && (
        <ReliabilityWork shown={shown} total={reliability.length} />
      )}
    </InfoCard>
  );
}

/** The open reliability items the advice names, in rank order, or what to file when none is open. */
function ReliabilityWork(props: { shown: BacklogItem[]; total: number }) {
  const { shown, total } = props;
  return shown.length > 0 ? (
    <>
      <Typography variant="body2" component="h3" style={{ marginTop: 16 }}>
        Open reliability work, in rank order:
      </Typography>
      <ol aria-label="Reliability work first">
        {shown.map(item => (
          <li key={item.id}>
            <Typography variant="body2" component="span">
              <BacklogItemKeyAndTitle item={item} underline="always" />
              {item.reliabilityReason ? ` (${item.reliabilityReason})` : ''}
            </Typography>
          </li>
        ))}
      </ol>
      {total > shown.length && (
        <Typography variant="body2">
          And {total - shown.length} more: see “Reliability work” in the list
          below.
        </Typography>
      )}
    </>
  ) : (
    <Typography variant="body2" style={{ marginTop: 16 }}>
      No reliability item is open: file the work that brings the budget back (an
      issue of type Bug or Incident, or labelled reliability).
    </Typography>
  );
}
