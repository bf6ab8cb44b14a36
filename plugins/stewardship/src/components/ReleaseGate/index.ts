export { ReleaseGateCard } from './ReleaseGateCard';
export {
  DECISION_TEXT,
  decisionText,
  gateCannotJudge,
  quotedNames,
} from './decisionText';
export { ReleaseGateCardView, useReleaseGate } from './ReleaseGateCard';
export type { ReleaseGateState } from './ReleaseGateCard';
