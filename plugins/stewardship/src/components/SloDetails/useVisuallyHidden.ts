import { makeStyles } from '@material-ui/core/styles';

/** Hides content from sight but not from screen readers (a chart's data table). */
export const useVisuallyHidden = makeStyles({
  root: {
    position: 'absolute',
    width: 1,
    height: 1,
    padding: 0,
    margin: -1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
