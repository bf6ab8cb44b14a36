/*
 * Tells open browser tabs that an entity's owners changed in Stewardship's own data: after an
 * exemption is granted or removed, or an owner confirmed, one broadcast Backstage signal on the
 * channel `stewardship:ownership`, and the Ownership tabs, cards and the scorecard read again.
 *
 * The message names no entity (see the channel's documentation in -common): signals reach every
 * signed-in user, including those who may not see the entity, so each tab asks the API, with its
 * viewer's credentials, what it may see. A failed publish is logged and never fails the write,
 * which is stored.
 */
import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL,
  StewardshipSignalMessage,
} from '@stewardship/backstage-plugin-stewardship-common';

/** What the exemption and attestation services call after a write that changed something. */
export interface OwnershipChangeListener {
  ownershipChanged(): Promise<void>;
}

export class OwnershipChangeSignaller implements OwnershipChangeListener {
  constructor(
    private readonly signals: Pick<SignalsService, 'publish'>,
    private readonly logger: LoggerService,
  ) {}

  async ownershipChanged(): Promise<void> {
    try {
      await this.signals.publish<StewardshipSignalMessage>({
        recipients: { type: 'broadcast' },
        channel: STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL,
        message: { type: 'ownership-changed' },
      });
    } catch (error) {
      this.logger.warn(
        `Could not signal an ownership change on ${STEWARDSHIP_OWNERSHIP_SIGNAL_CHANNEL}: ${error}`,
      );
    }
  }
}
