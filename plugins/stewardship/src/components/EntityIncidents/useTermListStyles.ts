import { makeStyles } from '@material-ui/core/styles';

/** A `<dl>` of terms and values in two aligned columns, the terms in secondary text. */
export const useTermListStyles = makeStyles(theme => ({
  termList: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
}));
