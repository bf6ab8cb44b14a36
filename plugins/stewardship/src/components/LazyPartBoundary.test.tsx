import { render, screen } from '@testing-library/react';
import { Component, ComponentType, lazy, ReactNode, Suspense } from 'react';
import { LazyPartBoundary } from './LazyPartBoundary';

/** A part whose chunk fails as the bundler's fails: an Error named ChunkLoadError. */
const chunkLoadError = () =>
  Object.assign(
    new Error(
      'Loading chunk 1767 failed.\n(error: http://localhost:3000/static/stewardship-slo-editor.f09be1e8bfeb.chunk.js)',
    ),
    { name: 'ChunkLoadError' },
  );

/** The boundary above ours (the extension's, in an app). */
class Outer extends Component<{ children: ReactNode }, { error?: Error }> {
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  state: { error?: Error } = {};
  render() {
    return this.state.error ? (
      <p>outer boundary: {this.state.error.message}</p>
    ) : (
      this.props.children
    );
  }
}

/** A view with a lazily loaded part. */
function View(props: { Part: ComponentType }) {
  const { Part } = props;
  return (
    <Outer>
      <h1>The SLO list</h1>
      <LazyPartBoundary
        part="the SLO editor"
        purpose="to create, edit or import SLOs"
      >
        <Suspense fallback={null}>
          <Part />
        </Suspense>
      </LazyPartBoundary>
    </Outer>
  );
}

describe('LazyPartBoundary', () => {
  beforeEach(() => {
    // React logs every error a boundary catches.
    jest.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => jest.restoreAllMocks());

  it('shows the part once its chunk is in', async () => {
    const Part = lazy(async () => ({
      default: () => <p>the editor itself</p>,
    }));
    render(<View Part={Part} />);
    expect(await screen.findByText('the editor itself')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('says in the part’s place that its chunk could not be fetched, and the view stays', async () => {
    const Part = lazy(() => Promise.reject(chunkLoadError()));
    render(<View Part={Part} />);
    const note = await screen.findByRole('status');
    expect(note).toHaveTextContent(
      "Could not load the SLO editor: the app's files could not be fetched (the network failed, or a new version of the app was deployed since this page was opened). Reload the page to create, edit or import SLOs.",
    );
    expect(
      screen.getByRole('heading', { name: 'The SLO list' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/outer boundary/)).not.toBeInTheDocument();
  });

  it('leaves any other error to the boundary above', async () => {
    const Part = lazy(async () => ({
      default: (): JSX.Element => {
        throw new Error('a bug in the editor');
      },
    }));
    render(<View Part={Part} />);
    expect(
      await screen.findByText('outer boundary: a bug in the editor'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });
});
