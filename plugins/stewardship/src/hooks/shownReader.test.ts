import { createShownReader } from './shownReader';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('createShownReader', () => {
  afterEach(() => setVisibility('visible'));

  it('reads at once on a page that is shown', () => {
    const read = jest.fn();
    const reader = createShownReader(read);
    reader.request();
    reader.request();
    expect(read).toHaveBeenCalledTimes(2);
    reader.dispose();
  });

  it('in a background tab, reads once when shown again, however many requests came', () => {
    const read = jest.fn();
    const reader = createShownReader(read);
    setVisibility('hidden');
    reader.request();
    reader.request();
    expect(read).not.toHaveBeenCalled();
    setVisibility('visible');
    expect(read).toHaveBeenCalledTimes(1);
    // Shown again with nothing asked meanwhile: nothing to read.
    setVisibility('hidden');
    setVisibility('visible');
    expect(read).toHaveBeenCalledTimes(1);
    reader.dispose();
  });

  it('drops a read still due once disposed', () => {
    const read = jest.fn();
    const reader = createShownReader(read);
    setVisibility('hidden');
    reader.request();
    reader.dispose();
    setVisibility('visible');
    expect(read).not.toHaveBeenCalled();
  });
});
