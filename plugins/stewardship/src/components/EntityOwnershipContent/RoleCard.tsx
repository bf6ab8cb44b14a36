import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OWNERSHIP_ROLE_TITLES,
  RoleEvaluation,
} from '@stewardship/backstage-plugin-stewardship-common';
import { ReactNode } from 'react';
import { OwnerDetails } from '../OwnerDetails';
import { OwnershipStatusLabel } from '../OwnershipStatusLabel';
import { annotationSnippet } from './annotationSnippet';
import { RoleGovernance } from './RoleGovernance';
import { useStableId } from '../useStableId';
import { RoleSource } from './RoleSource';
import { PlainCodeSnippet } from '../PlainCodeSnippet';

const useStyles = makeStyles(theme => ({
  field: {
    marginBottom: theme.spacing(2),
  },
  problem: {
    marginTop: theme.spacing(1),
    paddingTop: theme.spacing(2),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  code: {
    fontFamily: 'monospace',
  },
}));

function Field(props: { label: string; children: ReactNode }) {
  const classes = useStyles();
  return (
    <div className={classes.field}>
      <Typography variant="overline" color="textSecondary" component="div">
        {props.label}
      </Typography>
      {props.children}
    </div>
  );
}

/**
 * One ownership role: owner, source, status, and how to fix a problem; with `entityRef`, also
 * its exemption and attestation and what the viewer may do about them.
 */
export function RoleCard(props: {
  evaluation: RoleEvaluation;
  entityRef?: string;
  /** Called after an exemption or attestation changed, to read the ownership again. */
  onChange?: () => void;
}) {
  const { evaluation, entityRef, onChange } = props;
  const classes = useStyles();
  const title = OWNERSHIP_ROLE_TITLES[evaluation.role] ?? evaluation.role;
  // "the product owner": each failing role's copy button says which annotation it copies.
  const roleName = title.toLocaleLowerCase('en-US');
  const headingId = useStableId(`ownership-role-${evaluation.role}`);

  let owner: ReactNode = (
    <Typography variant="body2" color="textSecondary">
      None
    </Typography>
  );
  if (evaluation.owner) {
    owner = <OwnerDetails owner={evaluation.owner} />;
  } else if (evaluation.value) {
    owner = (
      <Typography variant="body2">
        Declared as <span className={classes.code}>{evaluation.value}</span>
      </Typography>
    );
  }

  return (
    <InfoCard
      variant="gridItem"
      title={title}
      // Focusable from script: RoleGovernance sends focus here when nothing of its own is left.
      titleTypographyProps={{ component: 'h2', id: headingId, tabIndex: -1 }}
      subheader={
        evaluation.required ? 'Required role' : 'Optional role (not required)'
      }
    >
      <Field label="Status">
        <Typography variant="body2" component="div">
          <OwnershipStatusLabel
            status={evaluation.status}
            required={evaluation.required}
          />
        </Typography>
      </Field>
      <Field label="Owner">{owner}</Field>
      <Field label="Source">
        <Typography variant="body2">
          <RoleSource source={evaluation.source} />
        </Typography>
      </Field>
      {entityRef && (
        <RoleGovernance
          entityRef={entityRef}
          evaluation={evaluation}
          onChange={onChange ?? (() => {})}
          headingId={headingId}
        />
      )}
      {evaluation.status !== 'ok' && (
        <div className={classes.problem}>
          {evaluation.problem && (
            <Typography variant="body2" paragraph>
              {evaluation.problem}
            </Typography>
          )}
          {evaluation.fix && (
            <Typography variant="body2" paragraph>
              {evaluation.fix}
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            Annotation{' '}
            <span className={classes.code}>{evaluation.annotation}</span>:
          </Typography>
          <Box mt={1}>
            <PlainCodeSnippet
              text={annotationSnippet(evaluation)}
              copyLabel={`Copy the annotation for the ${roleName}`}
            />
          </Box>
        </div>
      )}
    </InfoCard>
  );
}
