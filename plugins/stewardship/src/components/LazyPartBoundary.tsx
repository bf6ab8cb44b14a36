import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { Component, ReactNode } from 'react';

/** What the bundler throws when a chunk cannot be fetched (webpack's and rspack's name). */
const isChunkLoadError = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ChunkLoadError';

/**
 * Around a part of a view that loads in a chunk of its own (`React.lazy`: the SLO editor, the
 * planning review). When that chunk cannot be fetched — the network dropped, or a new deployment
 * replaced the app's files while the page was open — it says so in the part's place, and the rest
 * of the view stays: without it the error would reach the extension's boundary and replace the
 * whole tab. Any other error is not its business and goes on to the boundary above.
 */
export class LazyPartBoundary extends Component<
  {
    /** The part, for the sentence: "the SLO editor". */
    part: string;
    /** What the part is for, for the sentence: "to create, edit or import SLOs". */
    purpose: string;
    /** Wrap the note in a full-width grid item (the part sits in a `Grid` container). */
    inGrid?: boolean;
    children: ReactNode;
  },
  { error?: Error }
> {
  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  state: { error?: Error } = {};

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    if (!isChunkLoadError(error)) throw error;
    const note = (
      <Alert severity="warning" role="status">
        Could not load {this.props.part}: the app's files could not be fetched
        (the network failed, or a new version of the app was deployed since this
        page was opened). Reload the page {this.props.purpose}.
      </Alert>
    );
    return this.props.inGrid ? (
      <Grid item xs={12}>
        {note}
      </Grid>
    ) : (
      note
    );
  }
}
