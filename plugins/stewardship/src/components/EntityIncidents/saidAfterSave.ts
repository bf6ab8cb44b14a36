import {
  Incident,
  IncidentActionItem,
} from '@stewardship/backstage-plugin-stewardship-common';
import { notListedText } from './listedPeriod';

/** A save's sentence, and where the incident went when the list will not show it. */
const withWhereItIs = (text: string, incident: Incident) =>
  [text, notListedText(incident, Date.now())].filter(Boolean).join(' ');

/**
 * What the Incidents card's status line says after each save: the card re-draws (a new incident,
 * a status, an item checked off) without a sound otherwise, while focus stays on the button.
 */
export const saidAfterSave = {
  recorded: (incident: Incident) =>
    withWhereItIs(`Incident “${incident.title}” recorded.`, incident),
  edited: (incident: Incident) =>
    withWhereItIs(`Incident “${incident.title}” saved.`, incident),
  /** After a transition: acknowledged, mitigated or resolved. */
  status: (incident: Incident) =>
    `Incident “${incident.title}” is now ${incident.status}.`,
  note: (incident: Incident) => `Note added to incident “${incident.title}”.`,
  itemAdded: (item: IncidentActionItem) => `Action item “${item.title}” added.`,
  itemToggled: (item: IncidentActionItem) =>
    `Action item “${item.title}” ${
      item.status === 'done' ? 'done' : 'reopened'
    }.`,
};
