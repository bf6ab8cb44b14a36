/*
 * Tells open browser tabs that SLO statuses moved on: after each run that stored snapshots (a
 * metric source's scheduled run, or "evaluate now"), one broadcast Backstage signal on the
 * channel `stewardship:slos`, and the tabs showing SLOs now read them again.
 *
 * One message per run, naming nothing (see the channel's documentation in -common): a run of
 * thousands of SLOs is one small message, and each tab asks the API, with its viewer's
 * credentials, for what it may see. A failed publish is logged by the runner and never fails the
 * run, whose snapshots are stored.
 */
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  STEWARDSHIP_SLOS_SIGNAL_CHANNEL,
  StewardshipSignalMessage,
} from '@stewardship/backstage-plugin-stewardship-common';
import { SloStatusListener, StoredSloStatus } from './SloStatusNotifier';

export class SloEvaluationSignaller implements SloStatusListener {
  constructor(private readonly signals: Pick<SignalsService, 'publish'>) {}

  async snapshotsStored(stored: StoredSloStatus[]): Promise<void> {
    if (stored.length === 0) return;
    await this.signals.publish<StewardshipSignalMessage>({
      recipients: { type: 'broadcast' },
      channel: STEWARDSHIP_SLOS_SIGNAL_CHANNEL,
      message: { type: 'slos-evaluated' },
    });
  }
}
