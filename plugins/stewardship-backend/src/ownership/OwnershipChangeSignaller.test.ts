/*
 * The ownership signal itself: one broadcast naming nothing; a publish that fails is logged
 * and does not fail the write that asked for it (the routes' tests show which writes signal).
 */
import { mockServices } from '@backstage/backend-test-utils';
import { OwnershipChangeSignaller } from './OwnershipChangeSignaller';

describe('OwnershipChangeSignaller', () => {
  it('publishes one broadcast on stewardship:ownership', async () => {
    const publish = jest.fn(async () => {});
    await new OwnershipChangeSignaller(
      { publish },
      mockServices.logger.mock(),
    ).ownershipChanged();
    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({
      recipients: { type: 'broadcast' },
      channel: 'stewardship:ownership',
      message: { type: 'ownership-changed' },
    });
  });

  it('logs a failed publish instead of failing the write', async () => {
    const logger = mockServices.logger.mock();
    const signaller = new OwnershipChangeSignaller(
      {
        publish: async () => {
          throw new Error('the events backend is gone');
        },
      },
      logger,
    );
    await expect(signaller.ownershipChanged()).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not signal an ownership change on stewardship:ownership: Error: the events backend is gone',
    );
  });
});
