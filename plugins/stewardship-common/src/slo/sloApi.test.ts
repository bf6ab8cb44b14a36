import { isSnapshotTooOld } from './sloApi';

describe('isSnapshotTooOld', () => {
  const at = new Date('2026-12-07T12:10:00.000Z');
  const tenMinutes = 10 * 60_000;

  it('is too old only when older than the staleness, not as old as', () => {
    expect(isSnapshotTooOld('2026-12-07T12:00:00.000Z', at, tenMinutes)).toBe(
      false,
    );
    expect(isSnapshotTooOld('2026-12-07T11:59:59.999Z', at, tenMinutes)).toBe(
      true,
    );
  });

  it('never calls a snapshot taken after the moment asked about too old', () => {
    expect(isSnapshotTooOld('2026-12-07T12:30:00.000Z', at, tenMinutes)).toBe(
      false,
    );
  });
});
